// Row-level partner scoping: a supplier's own API key sees only that supplier's records, through every path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, execute, TEST_DIALECTS, testSubgraphDeps, type Claims, type TestStore } from '@retail-hub/platform';
import { openTestErp, type TestErp } from '@retail-hub/erp';
import { createSupplierSubgraph, type SupplierSubgraph } from '../src/server.js';
import { readErpPurchasing, type ErpPurchasing } from './erp-purchasing.js';
import type { ProductJson } from './response-types.js';

const PARTNER: Claims = { sub: 'k1', kind: 'key', scopes: ['supplier:read'], partner: { type: 'supplier', id: 'SUP-0001' } };

describe.each(TEST_DIALECTS)('partner scoping on %s', (dialect) => {
  let erp: TestErp;
  let store: TestStore;
  let subgraph: SupplierSubgraph;
  let truth: ErpPurchasing;

  beforeAll(async () => {
    // The full retailer, so SUP-0001 has items (as primary and as alternate) and open orders of its own.
    erp = await openTestErp({ skus: 2000 });
    store = await createTestStore(dialect, 'supplier_scope');
    subgraph = await createSupplierSubgraph({ ...testSubgraphDeps(store.config), erp: erp.ports, replenishment: { dailyRunAt: null } });
    await subgraph.start();
    truth = await readErpPurchasing(erp);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await store?.drop();
    await erp?.close();
  });

  const asPartner = (query: string, variables: Record<string, unknown> = {}) => execute(subgraph, query, variables, PARTNER);
  const otherOrder = () => truth.orders.find((o) => o.supplierId !== 'SUP-0001')!;

  it('lists only its own supplier record, whatever the filter', async () => {
    const all = await asPartner(/* GraphQL */ `{ suppliers(first: 200) { totalCount nodes { id } } }`);
    expect(all.data.suppliers).toEqual({ totalCount: 1, nodes: [{ id: 'SUP-0001' }] });
    const search = await asPartner(/* GraphQL */ `{ suppliers(filter: { search: "sup" }) { totalCount nodes { id } } }`);
    expect(search.data.suppliers).toEqual({ totalCount: 1, nodes: [{ id: 'SUP-0001' }] });
  });

  it('gets NOT_FOUND, never FORBIDDEN, for another supplier by id, and null for its entity reference', async () => {
    const other = await asPartner(/* GraphQL */ `{ supplier(id: "SUP-0002") { id } }`);
    const unknown = await asPartner(/* GraphQL */ `{ supplier(id: "SUP-0999") { id } }`);
    expect(other.data).toEqual({ supplier: null });
    // Another supplier's id answers exactly like an id that does not exist, so ids cannot be probed.
    expect(other.errors?.[0]?.extensions).toEqual(unknown.errors?.[0]?.extensions);
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const own = await asPartner(/* GraphQL */ `{ supplier(id: "SUP-0001") { id } }`);
    expect(own.data).toEqual({ supplier: { id: 'SUP-0001' } });

    const refs = await asPartner(/* GraphQL */ `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Supplier { id } } }`, {
      reps: [{ __typename: 'Supplier', id: 'SUP-0002' }, { __typename: 'Supplier', id: 'SUP-0001' }],
    });
    expect(refs.errors).toBeUndefined();
    expect(refs.data._entities).toEqual([null, { id: 'SUP-0001' }]);
    const internal = await execute(subgraph, /* GraphQL */ `{ supplier(id: "SUP-0002") { id } }`);
    expect(internal.data).toEqual({ supplier: { id: 'SUP-0002' } });
  });

  it('sees only its own purchase orders through lists, filters, ids and entity references', async () => {
    const own = truth.orders.filter((o) => o.supplierId === 'SUP-0001').map((o) => o.id).sort();
    expect(own.length).toBeGreaterThan(0);
    const list = await asPartner(/* GraphQL */ `{ purchaseOrders(first: 200) { totalCount nodes { id supplier { id } } } }`);
    expect(list.data.purchaseOrders.totalCount).toBe(own.length);
    expect((list.data.purchaseOrders.nodes as { id: string }[]).map((n) => n.id).sort()).toEqual(own);

    const other = otherOrder();
    const filtered = await asPartner(/* GraphQL */ `query($s: ID!) { purchaseOrders(filter: { supplierId: $s }) { totalCount } }`, { s: other.supplierId });
    expect(filtered.data.purchaseOrders.totalCount).toBe(0);
    const byId = await asPartner(/* GraphQL */ `query($id: ID!) { purchaseOrder(id: $id) { id lines { quantity } } }`, { id: other.id });
    expect(byId.data).toEqual({ purchaseOrder: null });
    expect(byId.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const refs = await asPartner(/* GraphQL */ `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on PurchaseOrder { id } } }`, {
      reps: [{ __typename: 'PurchaseOrder', id: other.id }, { __typename: 'PurchaseOrder', id: own[0] }],
    });
    expect(refs.data._entities).toEqual([null, { id: own[0] }]);
    const internal = await execute(subgraph, /* GraphQL */ `query($id: ID!) { purchaseOrder(id: $id) { id } }`, { id: other.id });
    expect(internal.data).toEqual({ purchaseOrder: { id: other.id } });
  });

  it('sees only its own rows in Product.suppliers, and no primarySupplier where the primary is someone else', async () => {
    const bySku = (sku: string) => truth.items.filter((i) => i.sku === sku);
    const skus = [...new Set(truth.items.map((i) => i.sku))];
    const ownPrimaryWithAlternate = skus.find((s) => bySku(s).length > 1 && bySku(s).some((i) => i.supplierId === 'SUP-0001' && i.primary));
    const ownAlternate = skus.find((s) => bySku(s).some((i) => i.supplierId === 'SUP-0001' && !i.primary));
    const notOurs = skus.find((s) => bySku(s).every((i) => i.supplierId !== 'SUP-0001'));
    // The seed must hold each case, or this test would prove nothing.
    expect([ownPrimaryWithAlternate, ownAlternate, notOurs].every(Boolean)).toBe(true);

    const query = /* GraphQL */ `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product { sku suppliers { supplier { id } primary } primarySupplier { supplier { id } } } } }`;
    const reps = [ownPrimaryWithAlternate, ownAlternate, notOurs].map((sku) => ({ __typename: 'Product', sku }));
    const result = await asPartner(query, { reps });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      { sku: ownPrimaryWithAlternate, suppliers: [{ supplier: { id: 'SUP-0001' }, primary: true }], primarySupplier: { supplier: { id: 'SUP-0001' } } },
      { sku: ownAlternate, suppliers: [{ supplier: { id: 'SUP-0001' }, primary: false }], primarySupplier: null },
      { sku: notOurs, suppliers: [], primarySupplier: null },
    ]);
    const internal = await execute<{ _entities: ProductJson[] }>(subgraph, query, { reps });
    expect(internal.data!._entities.map((p) => p.suppliers.length)).toEqual([ownPrimaryWithAlternate, ownAlternate, notOurs].map((s) => bySku(s!).length));
  });

  it('meets no other supplier anywhere in nested fields', async () => {
    const result = await asPartner(/* GraphQL */ `{ suppliers { nodes {
      items(first: 200) { totalCount nodes { supplier { id } product { suppliers { supplier { id } } primarySupplier { supplier { id } } } } }
      purchaseOrders(first: 200) { nodes { supplier { id } lines { product { suppliers { supplier { id } } } } } } } } }`);
    expect(result.errors).toBeUndefined();
    const ids = supplierIds(result.data);
    expect(ids.size).toBe(1);
    expect([...ids]).toEqual(['SUP-0001']);
    expect(result.data.suppliers.nodes[0].items.totalCount).toBe(truth.items.filter((i) => i.supplierId === 'SUP-0001').length);
  });
});

/** Every supplier id anywhere in a response. */
function supplierIds(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => supplierIds(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'supplier' && v && typeof v === 'object' && 'id' in v) found.add(String((v as { id: unknown }).id));
      supplierIds(v, found);
    }
  }
  return found;
}
