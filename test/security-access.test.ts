// Who may do what, through the real gateway of a running hub: keys made with `npm run keys`, a matrix of keys x operations,
// anonymous access, revocation and expiry within a second, keys stored only as hashes.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from './support/hub-process.js';
import { bearer, codes, createKey, createKeyByApi, keysCli, post, subgraphCalls, type CreatedKey } from './support/security-kit.js';

const OPERATIONS = {
  readCatalog: /* GraphQL */ `{ products(first: 3) { nodes { sku name } } }`,
  readCost: /* GraphQL */ `{ product(sku: "SKU-000001") { sku standardCost { centAmount } } }`,
  readPrices: /* GraphQL */ `{ priceCart(input: { channel: ECOMMERCE, lines: [{ sku: "SKU-000001", quantity: 1 }] }) { total { centAmount } } }`,
  readStock: /* GraphQL */ `{ stockLevels(first: 3) { nodes { sku onHand } } }`,
  writeStock: /* GraphQL */ `mutation { adjustStock(input: { sku: "SKU-000001", locationId: "LOC-S0001", delta: 1, reason: COUNT }) { stockLevel { onHand } } }`,
  readOrders: /* GraphQL */ `{ orders(first: 3) { totalCount } }`,
  readSuppliers: /* GraphQL */ `{ suppliers(first: 3) { totalCount nodes { id } } }`,
  placeOrder: /* GraphQL */ `mutation($key: String!) { placeOrder(idempotencyKey: $key, input: { channel: ECOMMERCE, locationId: "LOC-E01", customerRef: "sec-test", lines: [{ sku: "SKU-000002", quantity: 1 }] }) { errors { code } } }`,
  confirmPurchaseOrder: /* GraphQL */ `mutation { confirmPurchaseOrder(input: { purchaseOrderId: "PO-DOES-NOT-EXIST" }) { errors { code } } }`,
} as const;
const WRITES = new Set<string>(['writeStock', 'placeOrder', 'confirmPurchaseOrder']);
type Operation = keyof typeof OPERATIONS;
type Caller = 'storefront' | 'dashboard' | 'partner' | 'stockKeeper' | 'anonymous';

// true: allowed; false: refused with UNAUTHORIZED_FIELD_OR_TYPE and nothing run.
const MATRIX: Record<Caller, Record<Operation, boolean>> = {
  storefront: { readCatalog: true, readCost: false, readPrices: true, readStock: true, writeStock: false, readOrders: false, readSuppliers: false, placeOrder: true, confirmPurchaseOrder: false },
  dashboard: { readCatalog: true, readCost: true, readPrices: true, readStock: true, writeStock: false, readOrders: true, readSuppliers: true, placeOrder: false, confirmPurchaseOrder: false },
  // The partner's stock reads go through its own items (security-partner.test.ts); the operations view is refused rows, not the field.
  partner: { readCatalog: true, readCost: false, readPrices: false, readStock: true, writeStock: false, readOrders: false, readSuppliers: true, placeOrder: false, confirmPurchaseOrder: true },
  stockKeeper: { readCatalog: false, readCost: false, readPrices: false, readStock: true, writeStock: true, readOrders: false, readSuppliers: false, placeOrder: false, confirmPurchaseOrder: false },
  // Development mode: a caller without a key may read (*:read) and never write.
  anonymous: { readCatalog: true, readCost: true, readPrices: true, readStock: true, writeStock: false, readOrders: true, readSuppliers: true, placeOrder: false, confirmPurchaseOrder: false },
};

describe('access through the gateway', () => {
  let hub: HubProcess;
  const keys = {} as Record<Exclude<Caller, 'anonymous'>, CreatedKey>;

  beforeAll(async () => {
    hub = await startHubProcess();
    const partnerSupplier = (await hub.graphql(/* GraphQL */ `{ product(sku: "SKU-000001") { primarySupplier { supplier { id } } } }`)).data.product.primarySupplier.supplier.id;
    [keys.storefront, keys.dashboard, keys.partner, keys.stockKeeper] = await Promise.all([
      createKey(hub, ['--name', 'Storefront', '--scopes', 'catalog:read,pricing:read,inventory:read,orders:write']),
      createKeyByApi(hub, { name: 'Ops dashboard', scopes: ['*:read'] }),
      createKey(hub, ['--name', 'Acme Foods', '--scopes', 'supplier:read,purchasing:confirm', '--partner', `supplier:${partnerSupplier}`]),
      createKeyByApi(hub, { name: 'Stock keeper', scopes: ['inventory:*'] }),
    ]);
  });
  afterAll(async () => hub?.dispose());

  const cases = Object.entries(MATRIX).flatMap(([caller, ops]) => Object.entries(ops).map(([op, allowed]) => [caller as Caller, op as Operation, allowed] as const));

  it.each(cases)('%s %s: allowed=%s', async (caller, op, allowed) => {
    const before = await subgraphCalls(hub);
    const result = await post(hub, { query: OPERATIONS[op], variables: op === 'placeOrder' ? { key: `sec-${caller}` } : {} }, bearer(caller === 'anonymous' ? null : keys[caller].key));
    if (allowed) {
      expect(codes(result.body)).not.toContain('UNAUTHORIZED_FIELD_OR_TYPE');
      expect(result.status).not.toBe(401);
      // A read answers; a write may be refused for business reasons (an unknown order), never for access.
      if (!WRITES.has(op)) expect(Object.values(result.body.data).every((v) => v !== null)).toBe(true);
    } else {
      expect(codes(result.body)).toContain('UNAUTHORIZED_FIELD_OR_TYPE');
      // The refused root field is null; with no other root field, nothing was sent to any subgraph.
      const root = Object.keys(result.body.data ?? {})[0];
      if (root) expect(result.body.data[root] === null || JSON.stringify(result.body.data[root]).includes('null')).toBe(true);
      if (op !== 'readCost') expect(await subgraphCalls(hub)).toBe(before);
    }
  });

  it('refuses a field with the error at its path, and still answers the rest', async () => {
    const result = await post(hub, { query: /* GraphQL */ `{ products(first: 2) { nodes { sku name primarySupplier { supplier { id } } } } }` }, bearer(keys.storefront.key));
    expect(result.status).toBe(200);
    expect(result.body.data.products.nodes).toHaveLength(2);
    expect(result.body.data.products.nodes[0]).toEqual({ sku: expect.any(String), name: expect.any(String), primarySupplier: null });
    expect(result.body.errors).toEqual([
      { message: expect.stringMatching(/^Unauthorized field or type: Product.primarySupplier needs the scope supplier:read/), path: ['products', 'nodes', '@', 'primarySupplier'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } },
    ]);
  });

  it('never writes for a caller without the scope', async () => {
    const read = /* GraphQL */ `{ product(sku: "SKU-000001") { stock(locationId: "LOC-S0001") { onHand } } }`;
    const before = (await hub.graphql(read)).data.product.stock.onHand;
    for (const key of [keys.storefront.key, keys.dashboard.key, keys.partner.key, null]) {
      const result = await post(hub, { query: OPERATIONS.writeStock }, bearer(key));
      expect(codes(result.body)).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE']);
    }
    expect((await hub.graphql(read)).data.product.stock.onHand).toBe(before);
  });

  it('answers 401 with a clear message for a missing, malformed, unknown or forged key', async () => {
    const forged = `${keys.dashboard.key.slice(0, -4)}AAAA`;
    for (const header of ['Bearer nonsense', 'Basic dXNlcjpwYXNz', `Bearer rh_live_abcdefghijkm_${'x'.repeat(43)}`, `Bearer ${forged}`]) {
      const result = await post(hub, { query: '{ __typename }' }, { authorization: header });
      expect(result.status).toBe(401);
      expect(result.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(codes(result.body)).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('refuses a revoked key within a second', async () => {
    const key = await createKeyByApi(hub, { name: 'short-lived', scopes: ['catalog:read'] });
    expect((await post(hub, { query: OPERATIONS.readCatalog }, bearer(key.key))).status).toBe(200);
    const { stdout } = await keysCli(hub, ['revoke', key.id]);
    const revokedAt = Date.now();
    expect(stdout).toMatch(`Revoked ${key.id}`);
    // The CLI wrote the store the gateway reads; the gateway trusts a looked-up key for at most half a second.
    await new Promise((r) => setTimeout(r, Math.max(0, revokedAt + 1000 - Date.now())));
    const refused = await post(hub, { query: OPERATIONS.readCatalog }, bearer(key.key));
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0]).toMatchObject({ message: 'The API key has been revoked', extensions: { code: 'UNAUTHENTICATED' } });
  }, 120_000);

  it('refuses an expired key', async () => {
    const expiresAt = Date.now() + 2000;
    const created: any = await (
      await fetch(`${hub.baseUrl}/admin/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(hub.adminKey) },
        body: JSON.stringify({ query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }', variables: { input: { name: 'expiring', scopes: ['catalog:read'], expiresAt: new Date(expiresAt).toISOString() } } }),
      })
    ).json();
    const key = created.data.createApiKey.key as string;
    expect((await post(hub, { query: OPERATIONS.readCatalog }, bearer(key))).status).toBe(200);
    await new Promise((r) => setTimeout(r, Math.max(0, expiresAt + 100 - Date.now())));
    const result = await post(hub, { query: OPERATIONS.readCatalog }, bearer(key));
    expect(result.status).toBe(401);
    expect(result.body.errors[0].message).toBe('The API key has expired');
  });

  it('keeps only a SHA-256 hash of each secret, and records last use', async () => {
    const db = new Database(join(hub.dataDir, 'gateway.db'), { readonly: true });
    try {
      const rows = db.prepare('select * from api_key').all() as Record<string, unknown>[];
      expect(rows.length).toBeGreaterThanOrEqual(5);
      const everything = JSON.stringify(rows);
      for (const { key } of Object.values(keys)) {
        const secret = key.slice(-43);
        expect(everything).not.toContain(secret);
        expect(everything).not.toContain(key);
      }
      for (const row of rows) expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      db.close();
    }
    // Last use is written in batches (every 5 s), not per request.
    await new Promise((r) => setTimeout(r, 5500));
    const { stdout } = await keysCli(hub, ['list', '--json']);
    const listed = JSON.parse(stdout) as { id: string; lastUsedAt: string | null }[];
    expect(listed.find((k) => k.id === keys.storefront.id)?.lastUsedAt).toBeTruthy();
    expect(stdout).not.toContain(keys.storefront.key);
  }, 120_000);

  it('lets an admin key manage keys over /admin/graphql, and nobody else', async () => {
    const admin = (query: string, key: string | null, variables = {}) =>
      fetch(`${hub.baseUrl}/admin/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(key) }, body: JSON.stringify({ query, variables }) });
    const create = /* GraphQL */ `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id scopes partner } } }`;
    for (const key of [keys.dashboard.key, keys.partner.key, null]) {
      const refused = await admin(create, key, { input: { name: 'x', scopes: ['catalog:read'] } });
      expect([401, 403]).toContain(refused.status);
    }
    const created: any = await (await admin(create, hub.adminKey, { input: { name: 'Marketplace', scopes: ['catalog:read'], partner: 'supplier:SUP-0002' } })).json();
    expect(created.data.createApiKey.apiKey).toEqual({ id: expect.any(String), scopes: ['catalog:read'], partner: 'supplier:SUP-0002' });
    expect((await post(hub, { query: OPERATIONS.readCatalog }, bearer(created.data.createApiKey.key))).status).toBe(200);
    const bad: any = await (await admin(create, hub.adminKey, { input: { name: 'x', scopes: ['catalog:reed'] } })).json();
    expect(bad.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scopes.0' });
    const revoked: any = await (await admin(/* GraphQL */ `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, hub.adminKey, { id: created.data.createApiKey.apiKey.id })).json();
    expect(revoked.data.revokeApiKey.revokedAt).toBeTruthy();
    expect((await post(hub, { query: OPERATIONS.readCatalog }, bearer(created.data.createApiKey.key))).status).toBe(401);
  });
});
