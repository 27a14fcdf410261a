// The default strategy until API keys exist: every caller is the anonymous caller, with configured scopes.
import { ANONYMOUS } from '@retail-hub/platform';
import type { Authenticate } from './authenticate.js';

export function anonymousAuthenticate(scopes: readonly string[]): Authenticate {
  // A fresh object per request, so a plugin that adds to one caller's claims cannot leak into the next.
  return () => ({ ...ANONYMOUS, scopes: [...scopes] });
}
