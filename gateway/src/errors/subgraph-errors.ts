// Coded errors for a subgraph the gateway could not reach in time: the client may retry, nothing is masked.
import { GraphQLError } from 'graphql';

/**
 * Codes the gateway adds to platform's public ones. They belong in platform's ERROR_CODES; until they are
 * there, the gateway's error formatter lets them through itself.
 */
export const GATEWAY_ERROR_CODES = ['SUBGRAPH_TIMEOUT', 'SUBGRAPH_UNAVAILABLE'] as const;

export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

export function subgraphTimeout(subgraph: string, timeoutMs: number): GraphQLError {
  return new GraphQLError(`The ${subgraph} service did not answer within ${timeoutMs} ms; try again later`, {
    extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: subgraph },
  });
}

export function subgraphUnavailable(subgraph: string): GraphQLError {
  return new GraphQLError(`The ${subgraph} service is unavailable; try again later`, {
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: subgraph },
  });
}

/** An AbortSignal.timeout deadline fired (undici rejects with the signal's reason, a DOMException). */
export function isTimeout(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'TimeoutError';
}

/** The connection failed before any answer: refused, reset, DNS (undici: `fetch failed` with a coded cause). */
export function isConnectFailure(error: unknown): boolean {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return error instanceof TypeError && typeof cause?.code === 'string';
}
