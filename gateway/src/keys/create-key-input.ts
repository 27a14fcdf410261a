// Checks a request to create a key and fills in the defaults; bad input names the field and creates nothing.
import { badUserInput } from '@retail-hub/platform';
import { parsePartner, type KeyLimits } from './api-key-model.js';

export interface CreateApiKeyInput {
  name: string;
  scopes: string[];
  /** `supplier:SUP-0007` for a supplier partner. */
  partner?: string | null;
  /** ISO-8601 instant. */
  expiresAt?: string | null;
  safelistOnly?: boolean | null;
  maxCost?: number | null;
  bucketCapacity?: number | null;
  restoreRate?: number | null;
}

export interface CheckedKeyInput {
  name: string;
  scopes: string[];
  partner: string | null;
  expiresAt: string | null;
  safelistOnly: boolean;
  limits: KeyLimits;
}

const SCOPE_PATTERN = /^(\*|[a-z][a-z-]*:(\*|[a-z][a-z-]*)|\*:[a-z][a-z-]*)$/;

/** The scope that lets a key manage keys: never given to a partner. */
export const ADMIN_SCOPE = 'admin:keys';

/**
 * Scopes of the hub's catalogue (docs/security.md) that a key may carry even before the schema names them,
 * so a key for a write that is still being built can be issued; anything else must appear in the schema.
 */
export const CATALOGUE_SCOPES = [ADMIN_SCOPE, 'pricing:write', 'pricing:approve', 'purchasing:read', 'purchasing:write', 'purchasing:confirm', 'orders:write', 'orders:fulfil', 'orders:admin', 'payments:write', 'inventory:write'];

/**
 * `knownScopes` (the scopes the schema uses, plus admin:keys) turns a typo such as `suplier:read` into an
 * error instead of a key that silently grants nothing; wildcards are checked for their shape only.
 */
export function checkCreateKeyInput(input: CreateApiKeyInput, defaults: KeyLimits, now: Date, knownScopes?: ReadonlySet<string>): CheckedKeyInput {
  const name = input.name?.trim() ?? '';
  if (!name || name.length > 100) throw badUserInput('input.name', 'a name of 1 to 100 characters is required');
  const scopes = [...new Set((input.scopes ?? []).map((s) => s.trim()).filter(Boolean))];
  if (scopes.length === 0) throw badUserInput('input.scopes', 'at least one scope is required, e.g. catalog:read');
  if (scopes.length > 50) throw badUserInput('input.scopes', 'at most 50 scopes');
  for (const [i, scope] of scopes.entries()) {
    if (!SCOPE_PATTERN.test(scope)) throw badUserInput(`input.scopes.${i}`, `"${scope}" is not a scope (domain:action, domain:*, *:action or *)`);
    if (knownScopes && !scope.includes('*') && !knownScopes.has(scope)) {
      throw badUserInput(`input.scopes.${i}`, `unknown scope "${scope}"; known scopes: ${[...knownScopes].sort().join(', ')}`);
    }
  }
  let partner: string | null = null;
  if (input.partner) {
    if (!parsePartner(input.partner)) throw badUserInput('input.partner', `expected supplier:<supplier id>, e.g. supplier:SUP-0007, got "${input.partner}"`);
    partner = input.partner;
    const tooBroad = scopes.find((s) => s === '*' || s.startsWith('*:') || s === ADMIN_SCOPE || s === 'admin:*');
    if (tooBroad) throw badUserInput('input.scopes', `a partner key may not have "${tooBroad}"; name the scopes it needs`);
  }
  let expiresAt: string | null = null;
  if (input.expiresAt) {
    const at = new Date(input.expiresAt);
    if (Number.isNaN(at.getTime())) throw badUserInput('input.expiresAt', `expected an ISO-8601 instant, got "${input.expiresAt}"`);
    if (at.getTime() <= now.getTime()) throw badUserInput('input.expiresAt', 'must be in the future');
    expiresAt = at.toISOString();
  }
  const bucketCapacity = whole('input.bucketCapacity', input.bucketCapacity, defaults.bucketCapacity, 1, 10_000_000);
  // An operation dearer than the whole bucket could never run, however long the caller waited.
  const maxCost = whole('input.maxCost', input.maxCost, Math.min(defaults.maxCost, bucketCapacity), 1, bucketCapacity);
  return {
    name,
    scopes,
    partner,
    expiresAt,
    safelistOnly: input.safelistOnly ?? false,
    limits: { maxCost, bucketCapacity, restoreRate: whole('input.restoreRate', input.restoreRate, defaults.restoreRate, 1, 1_000_000) },
  };
}

function whole(field: string, value: number | null | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) throw badUserInput(field, `expected a whole number from ${min} to ${max}, got ${value}`);
  return value;
}
