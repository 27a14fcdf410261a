// Links the claims of a request to the API key they came from, so limits and safelists can find the key.
import type { Claims } from '@retail-hub/platform';
import type { ApiKeyRecord } from '../keys/api-key-model.js';

// Keyed by the claims object of one request: nothing leaks into the claims subgraphs receive.
const keys = new WeakMap<Claims, ApiKeyRecord>();

export function rememberKey(claims: Claims, key: ApiKeyRecord): Claims {
  keys.set(claims, key);
  return claims;
}

/** The key behind these claims; null for anonymous and service callers. */
export function keyOf(claims: Claims): ApiKeyRecord | null {
  return keys.get(claims) ?? null;
}
