// OpenTelemetry tracing: always on in-process (so logs and events carry trace ids), exported only when OTEL_* says so.
import { randomBytes } from 'node:crypto';
import { context, propagation, trace, SpanStatusCode, ROOT_CONTEXT, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { isTracingSuppressed, suppressTracing, W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';

let provider: NodeTracerProvider | null = null;

/** True when the standard OpenTelemetry variables ask for traces to be exported (OTLP over HTTP). */
export function tracingExportRequested(env: NodeJS.ProcessEnv): boolean {
  const exporter = env.OTEL_TRACES_EXPORTER;
  if (exporter) return exporter.split(',').some((e) => e.trim() === 'otlp');
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Registers the process-wide tracer provider once; later calls are no-ops. */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env, extraProcessors: SpanProcessor[] = []): void {
  if (provider) return;
  const spanProcessors: SpanProcessor[] = [...(tracingExportRequested(env) ? [new BatchSpanProcessor(new OTLPTraceExporter())] : []), ...extraProcessors];
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? serviceName }),
    spanProcessors,
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
}

export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
  provider = null;
}

export function tracer(name: string) {
  return trace.getTracer(name);
}

/** Runs fn inside a new active span; errors mark the span and rethrow. */
export async function withSpan<T>(tracerName: string, spanName: string, attributes: Attributes, fn: (span: Span) => Promise<T>, parent?: Context): Promise<T> {
  return tracer(tracerName).startActiveSpan(spanName, { attributes }, parent ?? context.active(), async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * Runs fn once on behalf of several traced items (a run of events handled together): each item gets a span of
 * its own under its own parent, open for the whole of fn, so every item's trace shows the shared work. fn runs
 * with no span active: what it does belongs to all of them.
 */
export async function withSpanPerItem<T>(tracerName: string, items: readonly { name: string; parent: Context; attributes: Attributes }[], fn: () => Promise<T>): Promise<T> {
  const spans = items.map((item) => tracer(tracerName).startSpan(item.name, { attributes: item.attributes }, item.parent));
  try {
    return await fn();
  } catch (error) {
    for (const span of spans) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    }
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
}

/**
 * Runs fn (and everything it awaits) with tracing suppressed: no spans are recorded, and calls it makes carry an
 * unsampled `traceparent` (see injectTraceHeaders), so the services they reach record none either. For high-rate
 * fan-out work whose spans would only be noise: unconnected root traces, hundreds a second.
 */
export function untraced<T>(fn: () => T): T {
  return context.with(suppressTracing(context.active()), fn);
}

export function currentTraceId(): string | undefined {
  const ctx = trace.getActiveSpan()?.spanContext();
  return ctx && ctx.traceFlags !== undefined && ctx.traceId !== '00000000000000000000000000000000' ? ctx.traceId : undefined;
}

/** The W3C traceparent of the active span, to carry across the bus in the event envelope. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

export function injectTraceHeaders(headers: Record<string, string>): Record<string, string> {
  // Untraced work sends a traceparent with the sampled flag off: sending none would make the service called
  // start a root trace of its own. (Suppression makes the propagator inject nothing.)
  if (isTracingSuppressed(context.active())) headers.traceparent = unsampledTraceparent();
  else propagation.inject(context.active(), headers);
  return headers;
}

function unsampledTraceparent(): string {
  const ids = randomBytes(24).toString('hex');
  return `00-${ids.slice(0, 32)}-${ids.slice(32)}-00`;
}

/** The context a traceparent (from an HTTP header or an event envelope) continues. */
export function contextFromTraceparent(traceparent: string | undefined | null): Context {
  if (!traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}
