// The error codes a client may see; anything else is masked as INTERNAL_SERVER_ERROR.
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'UNAUTHORIZED_FIELD_OR_TYPE',
  'ERP_UNAVAILABLE',
  'RATE_LIMITED',
  'INVALID_TRANSITION',
  'IDEMPOTENCY_KEY_REUSED',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_COMPLEX',
  'SUBGRAPH_TIMEOUT',
  'SUBGRAPH_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const PUBLIC = new Set<string>(ERROR_CODES);

export function isPublicErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && PUBLIC.has(code);
}
