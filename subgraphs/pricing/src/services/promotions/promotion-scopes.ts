// The scopes promotions need (the hub's scope catalogue, docs/security.md), enforced here from the verified claims as well as by the gateway.
import { forbidden, hasScope, type Claims } from '@retail-hub/platform';

export const PROMOTION_SCOPES = {
  /** Read promotions and the exception queue. */
  read: 'pricing:read',
  /** Create, edit, submit, schedule, cancel; resolve exceptions other than ACCEPT. */
  write: 'pricing:write',
  /** Accept an exception: let a promotion run despite it (a margin under the floor, low stock): an approver's call. */
  approve: 'pricing:approve',
  /** Register and manage price-publication webhooks, read their delivery log, replay (the catalogue puts them under pricing:write). */
  webhooks: 'pricing:write',
  /** What an item costs the retailer. */
  costs: 'costs:read',
} as const;

export function requireScope(claims: Claims, scope: string): void {
  if (!hasScope(claims, scope)) throw forbidden(`This needs the ${scope} scope`);
}
