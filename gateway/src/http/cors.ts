// CORS for /graphql from an allowlist of origins: browsers elsewhere may not read answers or send preflighted requests.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface CorsOptions {
  /** Exact origins (`https://shop.example.com`) allowed to call from a browser; `*` allows any. @default [] */
  origins: readonly string[];
}

const ALLOWED_HEADERS = 'authorization, content-type, accept, apollo-require-preflight, x-apollo-operation-name, traceparent';

/**
 * Adds CORS headers for an allowed Origin. Returns true when it answered the request itself (a preflight);
 * a preflight from an origin not on the list gets 403. Keys travel in a header, never cookies, so
 * credentials are never allowed.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, options: CorsOptions): boolean {
  const origin = req.headers.origin;
  const allowed = typeof origin === 'string' && (options.origins.includes('*') || options.origins.includes(origin));
  res.setHeader('vary', 'Origin');
  if (allowed) res.setHeader('access-control-allow-origin', options.origins.includes('*') ? '*' : origin);
  if (req.method !== 'OPTIONS') return false;
  if (!allowed) {
    res.writeHead(403).end();
    return true;
  }
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': '600',
  });
  res.end();
  return true;
}
