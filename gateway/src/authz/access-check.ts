// Whether a caller's claims satisfy an access policy: the scope rule of Federation's @requiresScopes and @authenticated.
import { scopeGrants, type Claims } from '@retail-hub/platform';
import type { AccessPolicy, ScopeRequirement } from '../supergraph/schema-policies.js';

export function satisfies(claims: Claims, policy: AccessPolicy | undefined): boolean {
  if (!policy) return true;
  if (policy.authenticated && claims.kind === 'anonymous') return false;
  return !policy.scopes || meetsScopes(claims.scopes, policy.scopes);
}

/** One inner list whose every scope is granted; an empty requirement (`[]`) is never met. */
export function meetsScopes(granted: readonly string[], required: ScopeRequirement): boolean {
  return required.some((all) => all.every((scope) => granted.some((g) => scopeGrants(g, scope))));
}

/** For messages: `an API key`, or `the scope pricing:read`, `catalog:read or supplier:read`, `a and b`. */
export function describeRequirement(policy: AccessPolicy, claims: Claims): string {
  if (policy.authenticated && claims.kind === 'anonymous') return 'an API key';
  const scopes = policy.scopes?.map((all) => all.join(' and ')).join(' or ');
  if (scopes) return `the scope ${scopes}`;
  return 'an API key';
}
