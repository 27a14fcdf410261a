// formatError for the gateway: platform's masker, plus the gateway's own public codes (subgraph timeouts).
import type { GraphQLFormattedError } from 'graphql';
import { createErrorMasker, type Logger } from '@retail-hub/platform';
import { GATEWAY_ERROR_CODES } from './subgraph-errors.js';

// The safelist's refusal is the gateway's own too (Apollo's router uses the same code).
const GATEWAY_PUBLIC = new Set<unknown>([...GATEWAY_ERROR_CODES, 'QUERY_NOT_IN_SAFELIST']);

export function createGatewayErrorFormatter(logger: Logger) {
  const mask = createErrorMasker(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (!GATEWAY_PUBLIC.has(formatted.extensions?.code)) return mask(formatted, error);
    // Still a failed request worth a log line, but the client gets the code and never a stack trace.
    logger.warn({ code: formatted.extensions?.code, serviceName: formatted.extensions?.serviceName, path: formatted.path }, formatted.message);
    const { stacktrace: _s, exception: _e, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  };
}
