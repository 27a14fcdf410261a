// Lets the hub's own services call the graph: a request with valid signed service claims is that service.
import type { IncomingMessage } from 'node:http';
import { headerMapOf, verifyClaims } from '@retail-hub/platform';
import type { Authenticate } from './authenticate.js';

/**
 * Services sign their claims with the secret they share with the gateway (the same header the gateway
 * sends to subgraphs); anything else goes to `fallback`. Only `service` claims are taken this way, so a
 * leaked subgraph request cannot be replayed at the gateway as a key holder.
 */
export function serviceCallerAuthenticate(secret: string, fallback: Authenticate): Authenticate {
  return (req: IncomingMessage) => {
    if (!req.headers['x-hub-claims']) return fallback(req);
    const verified = verifyClaims(headerMapOf(req), secret);
    if (verified.ok && verified.claims.kind === 'service') return verified.claims;
    return fallback(req);
  };
}
