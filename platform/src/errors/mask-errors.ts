// formatError for every Apollo server: coded errors pass, everything else is masked and logged with its trace id.
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { isPublicErrorCode } from './error-codes.js';
import { currentTraceId } from '../telemetry/tracing.js';

export function createErrorMasker(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (isPublicErrorCode(code)) {
      // Never forward stack traces; keep the code and any field the error names.
      const { stacktrace: _s, exception: _e, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, extensions };
    }
    const traceId = currentTraceId();
    const original = unwrapResolverError(error);
    logger.error({ err: original, traceId, path: formatted.path }, 'unexpected error');
    return {
      message: `Internal error${traceId ? ` (trace ${traceId})` : ''}`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...(traceId ? { traceId } : {}) },
    };
  };
}
