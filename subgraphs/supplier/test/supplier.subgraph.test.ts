// The supplier subgraph in process, against the real embedded ERP seeded with the full retailer, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, execute, TEST_DIALECTS, testSubgraphDeps, type OperationResult, type TestStore } from '@retail-hub/platform';
import { openTestErp, type TestErp } from '@retail-hub/erp';
import { createSupplierSubgraph, type SupplierSubgraph } from '../src/server.js';
import { readErpPurchasing, type ErpPurchasing } from './erp-purchasing.js';
import type { PageJson, ProductJson, PurchaseOrderJson } from './response-types.js';

// The retailer `npm start` seeds: 48 suppliers, about 2,800 supplier items, a few hundred open orders.
const SKUS = 2000;

const ORDER_FIELDS = /* GraphQL */ `id status expectedDate currency supplier { id } location { id } total { centAmount currency }
  lines { product { sku } quantity receivedQuantity unitCost { centAmount currency } lineTotal { centAmount } }`;

describe.each(TEST_DIALECTS)('supplier subgraph on %s', (dialect) => {
  let erp: TestErp;
  let store: TestStore;
  let subgraph: SupplierSubgraph;
  let truth: ErpPurchasing;
  let firstSyncMs = 0;

  beforeAll(async () => {
    erp = await openTestErp({ skus: SKUS });
    store = await createTestStore(dialect, 'supplier');
    subgraph = await createSupplierSubgraph({ ...testSubgraphDeps(store.config), erp: erp.ports, replenishment: { dailyRunAt: null } });
    const started = Date.now();
    await subgraph.start();
    firstSyncMs = Date.now() - started;
    truth = await readErpPurchasing(erp);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await store?.drop();
    await erp?.close();
  });

  const productsWithSuppliers = (skus: string[]) =>
    execute<{ _entities: ProductJson[] }>(
      subgraph,
      /* GraphQL */ `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product { sku
        suppliers { supplier { id } product { sku } unitCost { centAmount currency } packSize minOrderQty leadTimeDays weeklyCapacity primary }
        primarySupplier { supplier { id } } } } }`,
      { reps: skus.map((sku) => ({ __typename: 'Product', sku })) },
    );
  const allSkus = () => [...new Set(truth.items.map((i) => i.sku))].sort();

  it('loads the whole retailer on its first sync, in seconds', async () => {
    expect(truth.suppliers).toHaveLength(48);
    expect(truth.items.length).toBeGreaterThan(2500);
    const result = await execute(subgraph, /* GraphQL */ `{ suppliers { totalCount } purchaseOrders { totalCount } }`);
    expect(result.data).toEqual({ suppliers: { totalCount: 48 }, purchaseOrders: { totalCount: truth.orders.length } });
    expect(firstSyncMs).toBeLessThan(15_000);
  });

  it('answers suppliers as the ERP has them', async () => {
    const result = await execute(subgraph, /* GraphQL */ `{ suppliers(first: 200) { nodes { id name email currency active } } }`);
    expect(result.errors).toBeUndefined();
    const expected = truth.suppliers.map(({ id, name, email, currency, active }) => ({ id, name, email, currency, active })).sort((a, b) => a.id.localeCompare(b.id));
    expect(result.data.suppliers.nodes).toEqual(expected);
  });

  it('lists every supplier of every product on the ERP terms, with exactly one primary, listed first', async () => {
    const result = await productsWithSuppliers(allSkus());
    expect(result.errors).toBeUndefined();
    const seen = result.data!._entities.flatMap((p) =>
      p.suppliers.map((s) => `${s.supplier.id}|${s.product.sku}|${s.unitCost.centAmount}|${s.unitCost.currency}|${s.packSize}|${s.minOrderQty}|${s.leadTimeDays}|${s.weeklyCapacity}|${s.primary}`),
    );
    const expected = truth.items.map((i) => `${i.supplierId}|${i.sku}|${i.unitCostCentAmount}|${i.currency}|${i.packSize}|${i.minOrderQty}|${i.leadTimeDays}|${i.weeklyCapacity}|${i.primary}`);
    expect(seen.sort()).toEqual(expected.sort());
    for (const product of result.data!._entities) {
      expect(product.suppliers.filter((s) => s.primary)).toHaveLength(1);
      expect(product.suppliers[0]!.primary).toBe(true);
      expect(product.primarySupplier?.supplier?.id).toBe(product.suppliers[0]!.supplier.id);
    }
    expect(result.data!._entities.some((p) => p.suppliers.length > 1)).toBe(true);
  });

  it('answers purchase orders as the ERP has them (an open ERP order is SENT), soonest expected first', async () => {
    const orders: PurchaseOrderJson[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const result: OperationResult<{ purchaseOrders: PageJson<PurchaseOrderJson> }> = await execute(subgraph, /* GraphQL */ `query($after: String) { purchaseOrders(first: 100, after: $after) { nodes { ${ORDER_FIELDS} } pageInfo { hasNextPage endCursor } } }`, { after });
      expect(result.errors).toBeUndefined();
      const page: PageJson<PurchaseOrderJson> = result.data!.purchaseOrders;
      orders.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(orders.map((o) => o.id).sort()).toEqual(truth.orders.map((o) => o.id).sort());
    const order = (o: { expectedDate: string; id: string }) => `${o.expectedDate}|${o.id}`;
    expect(orders.map(order)).toEqual(orders.map(order).sort());
    for (const record of truth.orders) {
      const lines = record.lines.map((l) => ({
        product: { sku: l.sku },
        quantity: l.quantity,
        receivedQuantity: l.receivedQuantity,
        unitCost: { centAmount: l.unitCostCentAmount, currency: record.currency },
        lineTotal: { centAmount: l.quantity * l.unitCostCentAmount },
      }));
      expect(orders.find((o) => o.id === record.id)).toEqual({
        id: record.id,
        status: 'SENT',
        expectedDate: record.expectedDate,
        currency: record.currency,
        supplier: { id: record.supplierId },
        location: { id: record.locationId },
        total: { centAmount: lines.reduce((sum, l) => sum + l.lineTotal.centAmount, 0), currency: record.currency },
        lines,
      });
    }
  });

  it('pages suppliers and a supplier\'s items exactly once with cursors', async () => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const result: OperationResult<{ suppliers: PageJson<{ id: string }> }> = await execute(subgraph, /* GraphQL */ `query($after: String) { suppliers(first: 7, after: $after) { nodes { id } pageInfo { hasNextPage hasPreviousPage endCursor } } }`, { after });
      const page: PageJson<{ id: string }> = result.data!.suppliers;
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      ids.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(ids).toEqual(truth.suppliers.map((s) => s.id).sort());

    const busiest = groupBy(truth.items, (i) => i.supplierId).sort((a, b) => b[1].length - a[1].length)[0]!;
    const skus: string[] = [];
    after = null;
    for (let page = 0; page < 100; page++) {
      const result: OperationResult<{ supplier: { items: PageJson<{ product: { sku: string } }> } }> = await execute(subgraph, /* GraphQL */ `query($id: ID!, $after: String) { supplier(id: $id) { items(first: 25, after: $after) { totalCount nodes { product { sku } } pageInfo { hasNextPage endCursor } } } }`, { id: busiest[0], after });
      const page: PageJson<{ product: { sku: string } }> = result.data!.supplier.items;
      expect(page.totalCount).toBe(busiest[1].length);
      skus.push(...page.nodes.map((n) => n.product.sku));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(skus).toEqual(busiest[1].map((i) => i.sku).sort());
  });

  it('filters suppliers by words and by active, purchase orders by supplier, location, status and expected day', async () => {
    const sup1 = truth.suppliers.find((s) => s.id === 'SUP-0001')!;
    const word = sup1.name.split(' ')[0]!;
    const byWord = await execute<{ suppliers: PageJson<{ id: string; name: string }> }>(subgraph, /* GraphQL */ `query($q: String!) { suppliers(filter: { search: $q }) { nodes { id name } } }`, { q: word.toUpperCase() });
    expect(byWord.data!.suppliers.nodes.map((s) => s.id)).toContain('SUP-0001');
    expect(byWord.data!.suppliers.nodes.every((s) => s.name.toLowerCase().includes(word.toLowerCase()))).toBe(true);
    const byId = await execute(subgraph, /* GraphQL */ `{ suppliers(filter: { search: "sup-0002", active: true }) { nodes { id } } }`);
    expect(byId.data.suppliers.nodes).toEqual([{ id: 'SUP-0002' }]);

    const busiest = groupBy(truth.orders, (o) => o.supplierId).sort((a, b) => b[1].length - a[1].length)[0]!;
    const dates = truth.orders.map((o) => o.expectedDate).sort();
    const cutoff = dates[Math.floor(dates.length / 2)]!;
    const count = async (filter: Record<string, unknown>) => {
      const result = await execute<{ purchaseOrders: PageJson<{ id: string }> }>(subgraph, /* GraphQL */ `query($f: PurchaseOrderFilter) { purchaseOrders(filter: $f, first: 200) { totalCount nodes { id } } }`, { f: filter });
      expect(result.errors).toBeUndefined();
      return result.data!.purchaseOrders;
    };
    expect((await count({ supplierId: busiest[0] })).totalCount).toBe(busiest[1].length);
    expect((await count({ locationId: 'LOC-D02' })).totalCount).toBe(truth.orders.filter((o) => o.locationId === 'LOC-D02').length);
    expect((await count({ status: 'SENT' })).totalCount).toBe(truth.orders.length);
    expect((await count({ status: 'RECEIVED' })).totalCount).toBe(0);
    const early = await count({ expectedBefore: cutoff, locationId: 'LOC-D01' });
    const expected = truth.orders.filter((o) => o.expectedDate < cutoff && o.locationId === 'LOC-D01').map((o) => o.id);
    expect(early.totalCount).toBe(expected.length);
    expect(early.nodes.map((n) => n.id).sort()).toEqual(expected.sort());
  });

  it('rejects a malformed cursor, page size, day or search, naming the argument', async () => {
    const cases: [string, string][] = [
      [`{ suppliers(after: "not-a-cursor") { totalCount } }`, 'after'],
      [`{ suppliers(filter: { search: "   " }) { totalCount } }`, 'filter.search'],
      [`{ purchaseOrders(first: 500) { totalCount } }`, 'first'],
      [`{ purchaseOrders(filter: { expectedBefore: "2026-02-30" }) { totalCount } }`, 'filter.expectedBefore'],
      [`{ purchaseOrders(filter: { expectedBefore: "next week" }) { totalCount } }`, 'filter.expectedBefore'],
      [`{ supplier(id: "SUP-0001") { items(after: "bad") { totalCount } } }`, 'after'],
    ];
    for (const [query, field] of cases) {
      const result = await execute(subgraph, query);
      expect(result.errors?.[0]?.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // A suppliers cursor is not a purchase-orders cursor.
    const suppliers = await execute(subgraph, /* GraphQL */ `{ suppliers(first: 1) { pageInfo { endCursor } } }`);
    const wrong = await execute(subgraph, /* GraphQL */ `query($a: String) { purchaseOrders(after: $a) { totalCount } }`, { a: suppliers.data.suppliers.pageInfo.endCursor });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const missing = await execute(subgraph, /* GraphQL */ `{ supplier(id: "SUP-9999") { id } purchaseOrder(id: "PO-NOPE") { id } }`);
    expect(missing.data).toEqual({ supplier: null, purchaseOrder: null });
    expect(missing.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: 'id' }), expect.objectContaining({ code: 'NOT_FOUND', field: 'id' })]);
  });

  it('resolves Supplier, PurchaseOrder and Product entity references (_entities), null for unknown ones', async () => {
    const po = truth.orders[0]!;
    const result = await execute(
      subgraph,
      /* GraphQL */ `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Supplier { id name } ... on PurchaseOrder { id supplier { id } lines { quantity } } ... on Product { sku primarySupplier { supplier { id } } } } }`,
      {
        reps: [
          { __typename: 'Supplier', id: 'SUP-0003' },
          { __typename: 'PurchaseOrder', id: po.id },
          { __typename: 'Product', sku: 'SKU-000001' },
          { __typename: 'Supplier', id: 'SUP-NOPE' },
          { __typename: 'PurchaseOrder', id: 'PO-NOPE' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    const primary = truth.items.find((i) => i.sku === 'SKU-000001' && i.primary)!;
    expect(result.data._entities).toEqual([
      { id: 'SUP-0003', name: truth.suppliers.find((s) => s.id === 'SUP-0003')!.name },
      { id: po.id, supplier: { id: po.supplierId }, lines: po.lines.map((l) => ({ quantity: l.quantity })) },
      { sku: 'SKU-000001', primarySupplier: { supplier: { id: primary.supplierId } } },
      null,
      null,
    ]);
  });

  it('batches Product.suppliers for 50 products, and a page of suppliers with their items and orders, into a few store queries', async () => {
    const deps = testSubgraphDeps(store.config);
    const counted = await createSupplierSubgraph({ ...deps, erp: erp.ports, replenishment: { dailyRunAt: null } });
    await counted.start();
    // Only the reads below are counted: let the background work (planning data, the run queue, the order sender) settle first.
    await counted.planning.load();
    await Promise.all([counted.scheduler.stop(), counted.sender.stop(), counted.sagas.stop(), counted.webhooks.stop(), counted.events.stop()]);
    try {
      deps.queries.length = 0;
      const reps = allSkus().slice(0, 50).map((sku) => ({ __typename: 'Product', sku }));
      const products = await execute<{ _entities: ProductJson[] }>(counted, /* GraphQL */ `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product { sku suppliers { supplier { name } unitCost { centAmount } } primarySupplier { leadTimeDays } } } }`, { reps });
      expect(products.errors).toBeUndefined();
      expect(products.data!._entities.every((p) => p.suppliers.length > 0 && p.primarySupplier)).toBe(true);
      // One supplier-item batch and one supplier batch: not one per product.
      expect(deps.queries.length).toBeLessThanOrEqual(2);

      deps.queries.length = 0;
      const suppliers = await execute(counted, /* GraphQL */ `{ suppliers(first: 48) { nodes { id items(first: 5) { totalCount nodes { product { sku } } }
        purchaseOrders(first: 3) { totalCount nodes { total { centAmount } supplier { id } lines { quantity } } } } } }`);
      expect(suppliers.errors).toBeUndefined();
      expect(suppliers.data.suppliers.nodes).toHaveLength(48);
      // Suppliers page, items window + count, orders window + count, order lines, order suppliers.
      expect(deps.queries.length).toBeLessThanOrEqual(7);
    } finally {
      await counted.stop();
    }
  });
});

function groupBy<T>(rows: readonly T[], key: (row: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return [...groups];
}
