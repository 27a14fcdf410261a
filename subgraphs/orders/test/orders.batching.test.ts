// A page of orders with their lines, locations and products costs a bounded number of store queries, on both dialects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, testSubgraphDeps } from '@retail-hub/platform';
// Not re-exported from the platform index yet.
import { createTestStore, TEST_DIALECTS, type TestStore } from '@retail-hub/platform/store/test-stores';
import { openTestErp, type TestErp } from '@retail-hub/erp';
import { createOrdersSubgraph, type OrdersSubgraph } from '../src/server.js';
import { orderRecord } from './order-fixtures.js';

/** Background work (saga recovery, the ERP posting queue, the outbox relay, consumers) also queries the store; only request work is counted. */
const BACKGROUND = /\b(saga|erp_posting|outbox|inbox|idempotency_key)\b/;
const requestQueries = (deps: { queries: { query: { sql: string } }[] }) => deps.queries.filter((q) => !BACKGROUND.test(q.query.sql)).length;

describe.each(TEST_DIALECTS)('orders batching on %s', (dialect) => {
  let erp: TestErp;
  let store: TestStore;
  let subgraph: OrdersSubgraph;
  let deps: ReturnType<typeof testSubgraphDeps>;

  beforeAll(async () => {
    erp = await openTestErp({ skus: 20, stores: 2 });
    store = await createTestStore(dialect, 'orders_batching');
    deps = testSubgraphDeps(store.config);
    subgraph = await createOrdersSubgraph({ ...deps, erp: { salesFinance: erp.ports.salesFinance } });
    await subgraph.start();
    for (let n = 1; n <= 60; n++) {
      const sku = (i: number) => `SKU-${String(((n + i) % 20) + 1).padStart(6, '0')}`;
      await subgraph.orders.insert(
        orderRecord({
          id: `ORD-${String(n).padStart(6, '0')}`,
          status: 'PLACED',
          paymentStatus: 'AUTHORIZED',
          channel: n % 2 ? 'STORE' : 'ECOMMERCE',
          locationId: n % 2 ? 'LOC-S0001' : 'LOC-E01',
          customerRef: `CUST-${n % 7}`,
          placedAt: new Date(Date.UTC(2026, 2, 1) + n * 60_000).toISOString(),
          lines: [0, 1, 2].map((i) => ({ sku: sku(i), quantity: i + 1, regular: 100 * (i + 1), unit: 90 * (i + 1) })),
        }),
      );
    }
  });

  afterAll(async () => {
    await subgraph?.stop();
    await store?.drop();
    await erp?.close();
  });

  it('answers orders(first: 50) with lines, products and locations in one page query, one count and one lines batch', async () => {
    deps.queries.length = 0;
    const result = await execute(subgraph, /* GraphQL */ `{
      orders(first: 50) { totalCount nodes { id location { id } total { centAmount } lines { lineNo product { sku } lineTotal { centAmount } } } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.orders.totalCount).toBe(60);
    expect(result.data.orders.nodes).toHaveLength(50);
    expect(result.data.orders.nodes.every((o: { lines: unknown[] }) => o.lines.length === 3)).toBe(true);
    expect(requestQueries(deps)).toBeLessThanOrEqual(3);
  });

  it('answers 50 Order entity references with their lines in two queries', async () => {
    deps.queries.length = 0;
    const reps = Array.from({ length: 50 }, (_, i) => ({ __typename: 'Order', id: `ORD-${String(i + 5).padStart(6, '0')}` }));
    const result = await execute(subgraph, /* GraphQL */ `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Order { id lines { sku } } } }`, { reps });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities.map((o: { id: string }) => o.id)).toEqual(reps.map((r) => r.id));
    expect(requestQueries(deps)).toBeLessThanOrEqual(2);
  });
});
