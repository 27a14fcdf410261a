// Authenticates callers by `Authorization: Bearer <API key>`; without a key, the anonymous caller when allowed.
import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ANONYMOUS } from '@retail-hub/platform';
import type { ApiKeyService } from '../keys/api-key.service.js';
import { claimsOfKey } from '../keys/api-key-model.js';
import type { LastUsedRecorder } from '../keys/last-used-recorder.js';
import type { Authenticate } from './authenticate.js';
import { rememberKey } from './keyed-claims.js';

export interface ApiKeyAuthenticateOptions {
  /** Null: no key store, so any presented key is refused. */
  keys: ApiKeyService | null;
  lastUsed?: LastUsedRecorder;
  /** Scopes of a caller that sends no key; null (the default for production) refuses such calls with 401. */
  anonymousScopes: readonly string[] | null;
}

const REASONS = {
  malformed: 'The API key is not valid',
  unknown: 'The API key is not valid',
  revoked: 'The API key has been revoked',
  expired: 'The API key has expired',
} as const;

export function apiKeyAuthenticate(options: ApiKeyAuthenticateOptions): Authenticate {
  return async (req: IncomingMessage) => {
    const header = req.headers.authorization;
    if (!header) {
      if (!options.anonymousScopes?.length) throw unauthenticated('An API key is required: send Authorization: Bearer <key>');
      return { ...ANONYMOUS, scopes: [...options.anonymousScopes] };
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw unauthenticated('Send the API key as Authorization: Bearer <key>');
    if (!options.keys) throw unauthenticated(REASONS.unknown);
    const verified = await options.keys.verify(match[1]!);
    if (!verified.ok) throw unauthenticated(REASONS[verified.reason]);
    options.lastUsed?.record(verified.key.id, new Date());
    return rememberKey(claimsOfKey(verified.key), verified.key);
  };
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer realm="retail-hub"']]) } },
  });
}
