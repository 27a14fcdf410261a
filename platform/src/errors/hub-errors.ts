// Factories for the coded GraphQLErrors of CONVENTIONS.md: unexpected outcomes a client can act on.
import { GraphQLError } from 'graphql';
import type { ErrorCode } from './error-codes.js';

export function hubError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** Bad input names the field (a dotted path into the arguments, e.g. `input.lines.0.quantity`). */
export function badUserInput(field: string, message: string): GraphQLError {
  return hubError('BAD_USER_INPUT', `${field}: ${message}`, { field });
}

export function notFound(field: string, message: string): GraphQLError {
  return hubError('NOT_FOUND', message, { field });
}

export function forbidden(message = 'Not allowed'): GraphQLError {
  return hubError('FORBIDDEN', message);
}

export function unauthenticated(message = 'Authentication required'): GraphQLError {
  return hubError('UNAUTHENTICATED', message);
}

export function erpUnavailable(message = 'The ERP is unavailable; try again later'): GraphQLError {
  return hubError('ERP_UNAVAILABLE', message);
}

export function isGraphQLErrorWithCode(error: unknown, code: ErrorCode): boolean {
  return error instanceof GraphQLError && error.extensions?.code === code;
}
