// Turns what the graph answered into the errors orders gives its own caller: bad input passes on with its field, the rest is a service error.
import { GraphRequestError, hubError } from '@retail-hub/platform';
import type { GraphQLError } from 'graphql';

/**
 * A BAD_USER_INPUT from the subgraph names a field of its own input; `fieldMap` turns it into a
 * field of the caller's input (null: not the caller's fault). Anything else means a service the
 * order needs did not answer as it should: SERVICE_UNAVAILABLE, naming which.
 */
export function fromGraphError(error: unknown, service: string, fieldMap: (field: string) => string | null): GraphQLError {
  if (error instanceof GraphRequestError) {
    const first = error.errors[0];
    const field = typeof first?.extensions?.field === 'string' ? fieldMap(first.extensions.field) : null;
    if (first?.extensions?.code === 'BAD_USER_INPUT' && field) {
      const message = first.message.replace(/^[\w.]+: /, '');
      return hubError('BAD_USER_INPUT', `${field}: ${message}`, { field });
    }
    return hubError('SERVICE_UNAVAILABLE', `${service} did not answer as expected (${error.message}); nothing was placed or changed`, { service });
  }
  return hubError('SERVICE_UNAVAILABLE', `${service} could not be reached (${(error as Error)?.message ?? error}); nothing was placed or changed`, { service });
}
