// What every gateway request carries into plugins and subgraph calls: the caller's verified claims.
import type { Claims } from '@retail-hub/platform';

export interface GatewayContext {
  /** Set once per request by the `authenticate` hook; signed and forwarded to every subgraph call. */
  claims: Claims;
  /** The client's address: the rate-limit bucket of callers without a key. */
  clientAddress?: string;
}
