// Who is calling, as the gateway verified it: forwarded to subgraphs in a signed header.
export interface PartnerScope {
  /** The kind of partner; suppliers are the first. */
  type: 'supplier';
  /** The hub id of the partner's own record, e.g. `SUP-0007`. */
  id: string;
}

export interface Claims {
  /** An API key id, `service:<name>` for the hub's own calls, or `anonymous`. */
  sub: string;
  kind: 'key' | 'service' | 'anonymous';
  scopes: string[];
  partner?: PartnerScope | null;
}

export const ANONYMOUS: Claims = { sub: 'anonymous', kind: 'anonymous', scopes: [] };

export function serviceClaims(service: string): Claims {
  return { sub: `service:${service}`, kind: 'service', scopes: ['*'] };
}

/** `*` grants everything; `domain:*` every action in a domain; `*:action` that action in every domain (`*:read`). */
export function hasScope(claims: Claims, scope: string): boolean {
  return claims.scopes.some((granted) => scopeGrants(granted, scope));
}

/** Whether one granted scope covers a required one. */
export function scopeGrants(granted: string, required: string): boolean {
  if (granted === '*' || granted === required) return true;
  if (granted.endsWith(':*')) return required.startsWith(granted.slice(0, -1));
  if (granted.startsWith('*:')) return required.endsWith(granted.slice(1)) && required.indexOf(':') === required.length - granted.length + 1;
  return false;
}

export function supplierPartnerId(claims: Claims): string | null {
  return claims.partner?.type === 'supplier' ? claims.partner.id : null;
}
