// Signed claims: what a subgraph accepts and what it refuses.
import { describe, expect, it } from 'vitest';
import { HeaderMap } from '@apollo/server';
import { signClaims, verifyClaims, SIGNATURE_HEADER, CLAIMS_HEADER } from './signed-claims.js';
import type { Claims } from './claims.js';
import { hasScope } from './claims.js';

const claims: Claims = { sub: 'key_1', kind: 'key', scopes: ['catalog:read'], partner: { type: 'supplier', id: 'SUP-0007' } };

function headersOf(record: Record<string, string>) {
  const h = new HeaderMap();
  for (const [k, v] of Object.entries(record)) h.set(k, v);
  return h;
}

describe('signed claims', () => {
  it('round-trips claims signed with the shared secret', () => {
    const verified = verifyClaims(headersOf(signClaims(claims, 's3cret', 1_000_000)), 's3cret', 1_000_500);
    expect(verified).toEqual({ ok: true, claims });
  });

  it('refuses missing, forged, tampered and stale signatures', () => {
    expect(verifyClaims(headersOf({}), 's3cret')).toMatchObject({ ok: false, reason: 'missing signed claims' });
    expect(verifyClaims(headersOf(signClaims(claims, 'other-secret', 1000)), 's3cret', 1000)).toMatchObject({ ok: false, reason: 'bad signature' });
    const signed = signClaims(claims, 's3cret', 1000);
    const escalated = Buffer.from(JSON.stringify({ ...claims, scopes: ['*'] })).toString('base64url');
    expect(verifyClaims(headersOf({ ...signed, [CLAIMS_HEADER]: escalated }), 's3cret', 1000)).toMatchObject({ ok: false, reason: 'bad signature' });
    expect(verifyClaims(headersOf(signed), 's3cret', 1000 + 61_000)).toMatchObject({ ok: false, reason: 'stale signature' });
    expect(verifyClaims(headersOf({ ...signed, [SIGNATURE_HEADER]: 'garbage' }), 's3cret', 1000)).toMatchObject({ ok: false });
  });

  it('grants scopes exactly, by domain wildcard, or all', () => {
    expect(hasScope({ ...claims, scopes: ['catalog:read'] }, 'catalog:read')).toBe(true);
    expect(hasScope({ ...claims, scopes: ['catalog:read'] }, 'catalog:write')).toBe(false);
    expect(hasScope({ ...claims, scopes: ['inventory:*'] }, 'inventory:write')).toBe(true);
    expect(hasScope({ ...claims, scopes: ['inventory:*'] }, 'orders:write')).toBe(false);
    expect(hasScope({ ...claims, scopes: ['*'] }, 'orders:write')).toBe(true);
    expect(hasScope({ ...claims, scopes: ['*:read'] }, 'orders:read')).toBe(true);
    expect(hasScope({ ...claims, scopes: ['*:read'] }, 'orders:write')).toBe(false);
    expect(hasScope({ ...claims, scopes: ['*:read'] }, 'orders:unread')).toBe(false);
  });
});
