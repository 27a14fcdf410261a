// The scopes promotions need, enforced here from the verified claims (the gateway adds @requiresScopes on top).
import { forbidden, hasScope, type Claims } from '@retail-hub/platform';

export const PROMOTION_SCOPES = {
  /** Read promotions and the exception queue (costs and margins are in there). */
  read: 'promotions:read',
  /** Create, edit, submit, schedule, cancel; resolve exceptions other than ACCEPT. */
  write: 'promotions:write',
  /** Accept an exception: let a promotion run despite it (a margin under the floor, low stock). */
  approve: 'promotions:approve',
  /** Register and manage outbound webhooks, read their delivery log, replay. */
  webhooks: 'webhooks:manage',
} as const;

export function requireScope(claims: Claims, scope: string): void {
  if (!hasScope(claims, scope)) throw forbidden(`This needs the ${scope} scope`);
}
