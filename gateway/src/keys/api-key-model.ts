// What an API key is to the rest of the gateway: its public record, its limits, and the claims it grants.
import type { Claims, PartnerScope } from '@retail-hub/platform';
import type { ApiKeyRow } from './api-key.repository.js';

/** A key as listed and shown: everything but the secret, which is never kept. */
export interface ApiKeyRecord {
  id: string;
  name: string;
  scopes: string[];
  partner: PartnerScope | null;
  safelistOnly: boolean;
  limits: KeyLimits;
  expiresAt: string | null;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Cost limits of one caller: the most one operation may cost, and its leaky bucket. */
export interface KeyLimits {
  maxCost: number;
  bucketCapacity: number;
  /** Points restored per second. */
  restoreRate: number;
}

export function toApiKeyRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as string[],
    partner: parsePartner(row.partner),
    safelistOnly: row.safelist_only === 1,
    limits: { maxCost: row.max_cost, bucketCapacity: row.bucket_capacity, restoreRate: row.restore_rate },
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function claimsOfKey(key: ApiKeyRecord): Claims {
  return { sub: key.id, kind: 'key', scopes: [...key.scopes], partner: key.partner };
}

/** `supplier:SUP-0007` → { type: 'supplier', id: 'SUP-0007' }; null for anything else. */
export function parsePartner(text: string | null | undefined): PartnerScope | null {
  const match = /^supplier:([A-Z0-9][A-Z0-9-]{0,39})$/.exec(text ?? '');
  return match ? { type: 'supplier', id: match[1]! } : null;
}

export function formatPartner(partner: PartnerScope | null): string | null {
  return partner ? `${partner.type}:${partner.id}` : null;
}
