// A supplier partner's key against the running hub: it sees its own supplier, items, purchase orders, products and stock,
// and nothing of any other supplier through ids, lists, nested fields or entity references.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from './support/hub-process.js';
import { bearer, codes, createKey, createKeyByApi, post } from './support/security-kit.js';

describe('a supplier partner key', () => {
  let hub: HubProcess;
  let partner: (query: string, variables?: Record<string, unknown>) => Promise<any>;
  let ours: string;
  let theirs: string;
  let ourSkus: Set<string>;
  let theirSku: string;
  let theirPo: string;

  beforeAll(async () => {
    hub = await startHubProcess();
    // The truth, read as an administrator: who supplies what, and one purchase order of another supplier.
    const ids = (await hub.graphql(/* GraphQL */ `{ suppliers(first: 12) { nodes { id } } }`)).data.suppliers.nodes.map((n: { id: string }) => n.id) as string[];
    const suppliers = await Promise.all(
      ids.map(async (id) => (await hub.graphql(/* GraphQL */ `query($id: ID!) { supplier(id: $id) { id items(first: 200) { nodes { product { sku } } } purchaseOrders(first: 1) { nodes { id } } } }`, { id })).data.supplier),
    ) as { id: string; items: { nodes: { product: { sku: string } }[] }; purchaseOrders: { nodes: { id: string }[] } }[];
    const withItems = suppliers.filter((s) => s.items.nodes.length > 0 && s.purchaseOrders.nodes.length > 0);
    ours = withItems[0]!.id;
    ourSkus = new Set(withItems[0]!.items.nodes.map((n) => n.product.sku));
    const other = withItems.find((s) => s.items.nodes.some((n) => !ourSkus.has(n.product.sku)))!;
    theirs = other.id;
    theirSku = other.items.nodes.find((n) => !ourSkus.has(n.product.sku))!.product.sku;
    theirPo = other.purchaseOrders.nodes[0]!.id;
    const key = await createKey(hub, ['--name', 'Acme Foods', '--scopes', 'supplier:read,purchasing:confirm', '--partner', `supplier:${ours}`]);
    partner = async (query, variables = {}) => (await post(hub, { query, variables }, bearer(key.key))).body;
  });
  afterAll(async () => hub?.dispose());

  it('sees its own supplier, items and purchase orders', async () => {
    const result = await partner(/* GraphQL */ `query($id: ID!) { supplier(id: $id) { id items(first: 200) { totalCount nodes { product { sku name } } } purchaseOrders(first: 200) { nodes { supplier { id } } } } }`, { id: ours });
    expect(result.errors).toBeUndefined();
    expect(result.data.supplier.id).toBe(ours);
    expect(new Set(result.data.supplier.items.nodes.map((n: any) => n.product.sku))).toEqual(ourSkus);
    expect(result.data.supplier.items.nodes.every((n: any) => n.product.name)).toBe(true);
    expect(result.data.supplier.purchaseOrders.nodes.every((n: any) => n.supplier.id === ours)).toBe(true);
  });

  it('gets nothing for another supplier by id', async () => {
    const result = await partner(/* GraphQL */ `query($id: ID!) { supplier(id: $id) { id name } }`, { id: theirs });
    expect(result.data.supplier).toBeNull();
    expect(codes(result)).toEqual(['NOT_FOUND']);
  });

  it('gets nothing for another supplier\'s purchase order by id, and only its own in lists and filters', async () => {
    const byId = await partner(/* GraphQL */ `query($id: ID!) { purchaseOrder(id: $id) { id supplier { id } } }`, { id: theirPo });
    expect(byId.data.purchaseOrder).toBeNull();
    const filtered = await partner(/* GraphQL */ `query($s: ID!) { purchaseOrders(filter: { supplierId: $s }, first: 50) { totalCount } }`, { s: theirs });
    expect(filtered.data.purchaseOrders.totalCount).toBe(0);
    const listed = await partner(/* GraphQL */ `{ purchaseOrders(first: 200) { nodes { supplier { id } } } suppliers(first: 200) { totalCount nodes { id } } }`);
    expect(listed.data.purchaseOrders.nodes.every((n: any) => n.supplier.id === ours)).toBe(true);
    expect(listed.data.suppliers).toEqual({ totalCount: 1, nodes: [{ id: ours }] });
  });

  it('sees only the products it supplies, by SKU, in lists and in category pages', async () => {
    const other = await partner(/* GraphQL */ `query($sku: ID!) { product(sku: $sku) { sku name } }`, { sku: theirSku });
    expect(other.data.product).toBeNull();
    expect(codes(other)).toEqual(['NOT_FOUND']);
    const listed = await partner(/* GraphQL */ `{ products(first: 200) { totalCount nodes { sku } } }`);
    expect(listed.data.products.totalCount).toBe(ourSkus.size);
    expect(new Set(listed.data.products.nodes.map((n: any) => n.sku))).toEqual(ourSkus);
    const categories = await partner(/* GraphQL */ `{ categories { products(first: 10) { nodes { sku } } } }`);
    const inCategories = categories.data.categories.flatMap((c: any) => c.products.nodes.map((n: any) => n.sku));
    expect(new Set(inCategories)).toEqual(ourSkus);
  });

  it('sees no other supplier through nested fields and entity references', async () => {
    const sku = [...ourSkus][0];
    const result = await partner(/* GraphQL */ `query($sku: ID!) { product(sku: $sku) { sku suppliers { supplier { id } unitCost { centAmount } } primarySupplier { supplier { id } } } }`, { sku });
    expect(result.data.product.suppliers.map((s: any) => s.supplier.id)).toEqual([ours]);
    if (result.data.product.primarySupplier) expect(result.data.product.primarySupplier.supplier.id).toBe(ours);
    const text = JSON.stringify(await partner(/* GraphQL */ `{ purchaseOrders(first: 200) { nodes { lines { product { sku suppliers { supplier { id } } } } } } }`));
    expect(text).not.toContain(theirs);
  });

  it('reads the stock of the items it supplies and of nothing else', async () => {
    const own = await partner(/* GraphQL */ `query($id: ID!) { supplier(id: $id) { items(first: 5) { nodes { product { sku stock(locationId: "LOC-S0001") { onHand } } } } } }`, { id: ours });
    expect(own.errors).toBeUndefined();
    expect(own.data.supplier.items.nodes.some((n: any) => n.product.stock !== null)).toBe(true);
    const other = await partner(/* GraphQL */ `query($sku: ID!) { product(sku: $sku) { stock(locationId: "LOC-S0001") { onHand } } }`, { sku: theirSku });
    expect(other.data.product).toBeNull();
  });

  it('cannot confirm another supplier\'s purchase order, nor learn anything of it by trying', async () => {
    const read = /* GraphQL */ `query($id: ID!) { purchaseOrder(id: $id) { status updatedAt } }`;
    const before = (await hub.graphql(read, { id: theirPo })).data.purchaseOrder;
    const result = await partner(/* GraphQL */ `mutation($id: ID!) { confirmPurchaseOrder(input: { purchaseOrderId: $id }) { purchaseOrder { id supplier { id } } errors { code field } } }`, { id: theirPo });
    expect(result.data?.confirmPurchaseOrder?.purchaseOrder ?? null).toBeNull();
    expect(JSON.stringify(result)).not.toContain(theirs);
    expect((await hub.graphql(read, { id: theirPo })).data.purchaseOrder).toEqual(before);
  });

  it('may not read prices, orders or costs, write stock, introspect, or manage keys', async () => {
    const sku = [...ourSkus][0];
    const refused = await partner(/* GraphQL */ `query($sku: ID!) { product(sku: $sku) { sku standardCost { centAmount } price(channel: ECOMMERCE) { amount { centAmount } } } }`, { sku });
    expect(codes(refused)).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE', 'UNAUTHORIZED_FIELD_OR_TYPE']);
    expect(codes(await partner(/* GraphQL */ `{ orders(first: 1) { totalCount } }`))).toContain('UNAUTHORIZED_FIELD_OR_TYPE');
    expect(codes(await partner(/* GraphQL */ `{ __schema { types { name } } }`))).toEqual(['FORBIDDEN']);
    const typo = await partner(/* GraphQL */ `{ supplier(id: "x") { nmae } }`);
    expect(typo.errors[0].message).not.toMatch(/Did you mean/);
  });

  describe('restricted to the safelist', () => {
    const manifest = JSON.parse(readFileSync(new URL('../gateway/persisted-queries.json', import.meta.url), 'utf8')) as { operations: { id: string; name: string; body: string }[] };
    const overview = manifest.operations.find((o) => o.name === 'SupplierOverview')!;
    let safelisted: string;

    beforeAll(async () => {
      safelisted = (await createKeyByApi(hub, { name: 'Acme Foods (app)', scopes: ['supplier:read'], partner: `supplier:${ours}`, safelistOnly: true })).key;
    });

    it('runs a manifest operation sent by id, or by its exact text', async () => {
      const byId = await post(hub, { variables: { id: ours }, extensions: { persistedQuery: { version: 1, sha256Hash: overview.id } } }, bearer(safelisted));
      expect(byId.status).toBe(200);
      expect(byId.body.data.supplier.id).toBe(ours);
      const byText = await post(hub, { query: overview.body, variables: { id: ours } }, bearer(safelisted));
      expect(byText.body.data.supplier.id).toBe(ours);
    });

    it('refuses any other operation, even one the key could otherwise run', async () => {
      const result = await post(hub, { query: '{ suppliers(first: 1) { nodes { id } } }' }, bearer(safelisted));
      expect(result.status).toBe(403);
      expect(codes(result.body)).toEqual(['QUERY_NOT_IN_SAFELIST']);
      const query = '{ purchaseOrders(first: 1) { totalCount } }';
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const registering = await post(hub, { query, extensions: { persistedQuery: { version: 1, sha256Hash } } }, bearer(safelisted));
      expect(codes(registering.body)).toEqual(['QUERY_NOT_IN_SAFELIST']);
    });

    it('gives other clients automatic persisted queries', async () => {
      const storefront = (await createKeyByApi(hub, { name: 'Storefront', scopes: ['catalog:read'] })).key;
      const query = `{ products(first: 2) { nodes { sku } } }`;
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const unknown = await post(hub, { extensions: { persistedQuery: { version: 1, sha256Hash } } }, bearer(storefront));
      expect(codes(unknown.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      expect((await post(hub, { query, extensions: { persistedQuery: { version: 1, sha256Hash } } }, bearer(storefront))).status).toBe(200);
      const byHash = await post(hub, { extensions: { persistedQuery: { version: 1, sha256Hash } } }, bearer(storefront));
      expect(byHash.body.data.products.nodes).toHaveLength(2);
    });
  });
});
