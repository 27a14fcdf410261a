// Who may manage keys: a caller holding admin:keys (or a hub service); everyone else is refused before anything runs.
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { hasScope, type Claims } from '@retail-hub/platform';
import type { Authenticate } from '../auth/authenticate.js';
import type { ApiKeyService } from '../keys/api-key.service.js';
import { ADMIN_SCOPE } from '../keys/create-key-input.js';

export interface AdminContext {
  claims: Claims;
  keys: ApiKeyService;
}

export async function createAdminContext(req: IncomingMessage, authenticate: Authenticate, keys: ApiKeyService): Promise<AdminContext> {
  const claims = await authenticate(req);
  if (!hasScope(claims, ADMIN_SCOPE) || claims.partner) {
    throw new GraphQLError(`Managing API keys needs the ${ADMIN_SCOPE} scope`, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
  }
  return { claims, keys };
}
