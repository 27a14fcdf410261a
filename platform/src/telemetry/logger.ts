// Structured logs (pino) that carry the active trace id, one child logger per service.
import { pino, type Logger } from 'pino';
import { trace } from '@opentelemetry/api';

export type { Logger } from 'pino';

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    redact: { paths: ['*.authorization', '*.headers.authorization', '*.apiKey', '*.secret', 'req.headers.authorization'], censor: '[redacted]' },
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      return span ? { traceId: span.traceId, spanId: span.spanId } : {};
    },
  });
}

/** A logger that writes nothing, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
