// The strategy that decides who is calling: the gateway asks it once per HTTP request.
import type { IncomingMessage } from 'node:http';
import type { Claims } from '@retail-hub/platform';

/**
 * Returns the caller's claims. To refuse a request, throw a GraphQLError with `extensions.code`
 * `UNAUTHENTICATED` and `extensions.http.status` 401; Apollo answers with that status.
 */
export type Authenticate = (req: IncomingMessage) => Claims | Promise<Claims>;
