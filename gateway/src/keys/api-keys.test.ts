// API keys on both dialects: the text form, what create accepts, hashed storage, verification, revocation and expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { ControllableClock, createTestStore, silentLogger, TEST_DIALECTS, type TestStore } from '@retail-hub/platform';
import { mintApiKey, parseApiKey } from './api-key-secret.js';
import { openKeyStore, type KeyStore } from './key-store.js';

const LIMITS = { maxCost: 1000, bucketCapacity: 1000, restoreRate: 50 };

describe('the key text', () => {
  it('carries a visible prefix, a public id and 256 bits of secret, and parses back', () => {
    const minted = mintApiKey();
    expect(minted.key).toMatch(/^rh_live_[a-z2-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(minted.key)).toEqual({ id: minted.id, secret: minted.key.slice(-43) });
    expect(parseApiKey(`${minted.key}x`)).toBeNull();
    expect(parseApiKey('rh_live_short_secret')).toBeNull();
    expect(new Set(Array.from({ length: 100 }, () => mintApiKey().id)).size).toBe(100);
  });
});

describe.each(TEST_DIALECTS)('the key store on %s', (dialect) => {
  let store: TestStore;
  let keys: KeyStore;
  const clock = new ControllableClock(new Date('2026-11-27T10:00:00Z'));

  beforeAll(async () => {
    store = await createTestStore(dialect, 'gateway-keys');
    keys = await openKeyStore(store.config, { defaultLimits: LIMITS, knownScopes: new Set(['catalog:read', 'supplier:read', 'admin:keys']), clock, cacheTtlMs: 0, logger: silentLogger() });
  });
  afterAll(async () => {
    await keys?.close();
    await store?.drop();
  });

  it('creates a key that verifies, with its scopes, partner and limits', async () => {
    const created = await keys.keys.create({ name: ' Acme Foods ', scopes: ['supplier:read'], partner: 'supplier:SUP-0007', bucketCapacity: 200 }, 'cli');
    expect(created.record).toMatchObject({ name: 'Acme Foods', scopes: ['supplier:read'], partner: { type: 'supplier', id: 'SUP-0007' }, limits: { maxCost: 200, bucketCapacity: 200, restoreRate: 50 } });
    const verified = await keys.keys.verify(created.key);
    expect(verified).toMatchObject({ ok: true, key: { id: created.record.id } });
    expect(await keys.keys.verify(created.key.slice(0, -1) + (created.key.endsWith('A') ? 'B' : 'A'))).toEqual({ ok: false, reason: 'unknown' });
  });

  it('refuses bad input naming the field, and creates nothing', async () => {
    const before = (await keys.keys.list(true)).length;
    const cases: [Parameters<KeyStore['keys']['create']>[0], string][] = [
      [{ name: '', scopes: ['catalog:read'] }, 'input.name'],
      [{ name: 'x', scopes: [] }, 'input.scopes'],
      [{ name: 'x', scopes: ['catalog read'] }, 'input.scopes.0'],
      [{ name: 'x', scopes: ['catalog:read', 'catalgo:read'] }, 'input.scopes.1'],
      [{ name: 'x', scopes: ['*'], partner: 'supplier:SUP-0001' }, 'input.scopes'],
      [{ name: 'x', scopes: ['catalog:read'], partner: 'customer:42' }, 'input.partner'],
      [{ name: 'x', scopes: ['catalog:read'], expiresAt: '2020-01-01T00:00:00Z' }, 'input.expiresAt'],
      [{ name: 'x', scopes: ['catalog:read'], maxCost: 5000 }, 'input.maxCost'],
    ];
    for (const [input, field] of cases) {
      const error = await keys.keys.create(input, 'cli').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await keys.keys.list(true)).length).toBe(before);
  });

  it('stops a revoked or expired key', async () => {
    const revoked = await keys.keys.create({ name: 'r', scopes: ['catalog:read'] }, 'cli');
    await keys.keys.revoke(revoked.record.id);
    expect(await keys.keys.verify(revoked.key)).toEqual({ ok: false, reason: 'revoked' });
    await expect(keys.keys.revoke('nosuchkey123')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND', field: 'id' } });
    const expiring = await keys.keys.create({ name: 'e', scopes: ['catalog:read'], expiresAt: '2026-11-27T11:00:00Z' }, 'cli');
    expect((await keys.keys.verify(expiring.key)).ok).toBe(true);
    clock.advance(2 * 3_600_000);
    expect(await keys.keys.verify(expiring.key)).toEqual({ ok: false, reason: 'expired' });
  });

  it('records last use in batches without moving it backwards', async () => {
    const created = await keys.keys.create({ name: 'used', scopes: ['catalog:read'] }, 'cli');
    keys.lastUsed.record(created.record.id, new Date('2026-11-27T12:00:00Z'));
    await keys.lastUsed.flush();
    keys.lastUsed.record(created.record.id, new Date('2026-11-27T11:00:00Z'));
    await keys.lastUsed.flush();
    expect((await keys.keys.get(created.record.id))?.lastUsedAt).toBe('2026-11-27T12:00:00.000Z');
  });
});
