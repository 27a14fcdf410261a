// The orders subgraph in process, on SQLite and PostgreSQL: lookups, newest-first pages, filters, entities, who may read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, testSubgraphDeps, type Claims, type OperationResult } from '@retail-hub/platform';
// Not re-exported from the platform index yet.
import { createTestStore, TEST_DIALECTS, type TestStore } from '@retail-hub/platform/store/test-stores';
import { openTestErp, type TestErp } from '@retail-hub/erp';
import { createOrdersSubgraph, type OrdersSubgraph } from '../src/server.js';
import { FIXTURE_ORDERS, newestFirst, orderRecord } from './order-fixtures.js';

const ORDER_IDS = /* GraphQL */ `
  query($filter: OrderFilter, $first: Int, $after: String) {
    orders(filter: $filter, first: $first, after: $after) { totalCount nodes { id } edges { cursor } pageInfo { hasNextPage hasPreviousPage endCursor } }
  }
`;

interface IdPage {
  totalCount: number;
  nodes: { id: string }[];
  edges: { cursor: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

describe.each(TEST_DIALECTS)('orders subgraph on %s', (dialect) => {
  let erp: TestErp;
  let store: TestStore;
  let subgraph: OrdersSubgraph;

  beforeAll(async () => {
    erp = await openTestErp({ skus: 20, stores: 2 });
    store = await createTestStore(dialect, 'orders');
    subgraph = await createOrdersSubgraph({ ...testSubgraphDeps(store.config), erp: { salesFinance: erp.ports.salesFinance } });
    await subgraph.start();
    for (const order of FIXTURE_ORDERS) await subgraph.orders.insert(orderRecord(order));
  });

  afterAll(async () => {
    await subgraph?.stop();
    await store?.drop();
    await erp?.close();
  });

  async function ids(filter: Record<string, unknown> | null, first = 50): Promise<string[]> {
    const result = await execute(subgraph, ORDER_IDS, { filter, first });
    expect(result.errors).toBeUndefined();
    expect(result.data.orders.totalCount).toBe(result.data.orders.nodes.length);
    return result.data.orders.nodes.map((n: { id: string }) => n.id);
  }

  it('answers order(id) with its status, amounts and lines as written', async () => {
    const result = await execute(subgraph, /* GraphQL */ `{
      order(id: "ORD-000001") {
        id status paymentStatus channel customerRef placedAt updatedAt
        subtotal { centAmount currency } discountTotal { centAmount currency } total { centAmount currency }
        lines { lineNo sku quantity unitPrice { centAmount currency } lineTotal { centAmount currency } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.order).toEqual({
      id: 'ORD-000001',
      status: 'PLACED',
      paymentStatus: 'AUTHORIZED',
      channel: 'STORE',
      customerRef: 'CUST-A',
      placedAt: '2026-03-01T09:00:00.000Z',
      updatedAt: '2026-03-01T09:00:00.000Z',
      subtotal: { centAmount: 2 * 499 + 1299, currency: 'USD' },
      discountTotal: { centAmount: 200, currency: 'USD' },
      total: { centAmount: 2 * 399 + 1299, currency: 'USD' },
      lines: [
        { lineNo: 1, sku: 'SKU-000001', quantity: 2, unitPrice: { centAmount: 399, currency: 'USD' }, lineTotal: { centAmount: 798, currency: 'USD' } },
        { lineNo: 2, sku: 'SKU-000002', quantity: 1, unitPrice: { centAmount: 1299, currency: 'USD' }, lineTotal: { centAmount: 1299, currency: 'USD' } },
      ],
    });
  });

  it('says which order id is unknown', async () => {
    const result = await execute(subgraph, /* GraphQL */ `{ order(id: "ORD-999999") { id } }`);
    expect(result.data?.order).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('points lines at Product and orders at Location as bare representations the gateway resolves elsewhere', async () => {
    const result = await execute(subgraph, /* GraphQL */ `{ order(id: "ORD-000007") { location { __typename id } lines { product { __typename sku } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.order).toEqual({
      location: { __typename: 'Location', id: 'LOC-E01' },
      lines: [{ product: { __typename: 'Product', sku: 'SKU-000007' } }, { product: { __typename: 'Product', sku: 'SKU-000008' } }],
    });
  });

  it('lists every order newest first, ties broken by id, an instant with an offset in its UTC place', async () => {
    expect(await ids(null)).toEqual(newestFirst(FIXTURE_ORDERS));
    expect(newestFirst(FIXTURE_ORDERS).slice(0, 2)).toEqual(['ORD-000007', 'ORD-000008']);
    const placed = await execute(subgraph, /* GraphQL */ `{ order(id: "ORD-000008") { placedAt } }`);
    expect(placed.data.order.placedAt).toBe('2026-03-06T07:00:00.000Z');
  });

  it('pages newest first across pages, each order exactly once, the cursor carrying time and id', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result: OperationResult<{ orders: IdPage }> = await execute(subgraph, ORDER_IDS, { first: 3, after });
      expect(result.errors).toBeUndefined();
      const connection: IdPage = result.data!.orders;
      expect(connection.totalCount).toBe(FIXTURE_ORDERS.length);
      expect(connection.pageInfo.hasPreviousPage).toBe(page > 0);
      expect(connection.edges.at(-1)?.cursor).toBe(connection.pageInfo.endCursor);
      seen.push(...connection.nodes.map((n) => n.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    // Pages of 3 split the two orders placed in the same millisecond (ORD-000005, ORD-000004) across a page boundary.
    expect(seen).toEqual(newestFirst(FIXTURE_ORDERS));
  });

  it('filters by status, channel, location, customer and placement time, alone and together', async () => {
    const expected = (keep: (o: (typeof FIXTURE_ORDERS)[number]) => boolean) => newestFirst(FIXTURE_ORDERS.filter(keep));
    expect(await ids({ status: 'PLACED' })).toEqual(['ORD-000008', 'ORD-000001']);
    expect(await ids({ channel: 'ECOMMERCE' })).toEqual(expected((o) => o.channel === 'ECOMMERCE'));
    expect(await ids({ locationId: 'LOC-S0001' })).toEqual(['ORD-000006', 'ORD-000001']);
    expect(await ids({ customerRef: 'CUST-B' })).toEqual(['ORD-000005', 'ORD-000002']);
    expect(await ids({ customerRef: 'cust-b' })).toEqual([]);
    // placedAfter is inclusive, placedBefore exclusive: consecutive ranges never count an order twice.
    expect(await ids({ placedAfter: '2026-03-04T12:00:00.000Z' })).toEqual(expected((o) => Date.parse(o.placedAt) >= Date.parse('2026-03-04T12:00:00Z')));
    expect(await ids({ placedBefore: '2026-03-04T12:00:00.000Z' })).toEqual(['ORD-000003', 'ORD-000002', 'ORD-000001']);
    expect(await ids({ placedAfter: '2026-03-02T00:00:00Z', placedBefore: '2026-03-05T00:00:00Z' })).toEqual(['ORD-000005', 'ORD-000004', 'ORD-000003', 'ORD-000002']);
    expect(await ids({ placedAfter: '2026-03-06T08:00:00+01:00', placedBefore: '2026-03-06T07:00:00.001Z' })).toEqual(['ORD-000008']);
    expect(await ids({ channel: 'ECOMMERCE', customerRef: 'CUST-A', locationId: 'LOC-E01', status: 'PLACED' })).toEqual(['ORD-000008']);
    expect(await ids({ channel: 'STORE', locationId: 'LOC-E01' })).toEqual([]);
  });

  it('pages a filtered list with its own cursor', async () => {
    const first = await execute(subgraph, ORDER_IDS, { filter: { customerRef: 'CUST-A' }, first: 2 });
    expect(first.data.orders.nodes.map((n: { id: string }) => n.id)).toEqual(['ORD-000008', 'ORD-000006']);
    expect(first.data.orders.totalCount).toBe(4);
    const second = await execute(subgraph, ORDER_IDS, { filter: { customerRef: 'CUST-A' }, first: 2, after: first.data.orders.pageInfo.endCursor });
    expect(second.data.orders.nodes.map((n: { id: string }) => n.id)).toEqual(['ORD-000003', 'ORD-000001']);
    expect(second.data.orders.pageInfo.hasNextPage).toBe(false);
  });

  it('rejects a malformed cursor, a cursor of another list, a bad page size and an inverted date range, naming the argument', async () => {
    const badCursor = await execute(subgraph, ORDER_IDS, { after: 'not-a-cursor' });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const foreignCursor = await execute(subgraph, ORDER_IDS, { after: Buffer.from(JSON.stringify(['SKU-000001'])).toString('base64url') });
    expect(foreignCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const notATime = await execute(subgraph, ORDER_IDS, { after: Buffer.from(JSON.stringify(['yesterday', 'ORD-000001'])).toString('base64url') });
    expect(notATime.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const badFirst = await execute(subgraph, ORDER_IDS, { first: 201 });
    expect(badFirst.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const inverted = await execute(subgraph, ORDER_IDS, { filter: { placedAfter: '2026-03-05T00:00:00Z', placedBefore: '2026-03-04T00:00:00Z' } });
    expect(inverted.data).toBeNull();
    expect(inverted.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.placedBefore' });
  });

  it('resolves Order entity references (_entities) with their lines, null for unknown ones', async () => {
    const result = await execute(
      subgraph,
      /* GraphQL */ `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Order { id status total { centAmount } lines { sku } } } }`,
      { reps: [{ __typename: 'Order', id: 'ORD-000003' }, { __typename: 'Order', id: 'ORD-NOPE' }, { __typename: 'Order', id: 'ORD-000002' }] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      { id: 'ORD-000003', status: 'SHIPPED', total: { centAmount: 799 }, lines: [{ sku: 'SKU-000004' }] },
      null,
      { id: 'ORD-000002', status: 'CONFIRMED', total: { centAmount: 750 }, lines: [{ sku: 'SKU-000003' }] },
    ]);
  });

  it('refuses orders to a supplier partner key', async () => {
    const partner: Claims = { sub: 'key-sup', kind: 'key', scopes: ['*'], partner: { type: 'supplier', id: 'SUP-0001' } };
    const one = await execute(subgraph, /* GraphQL */ `{ order(id: "ORD-000001") { id } }`, {}, partner);
    expect(one.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const list = await execute(subgraph, ORDER_IDS, {}, partner);
    expect(list.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const entity = await execute(subgraph, /* GraphQL */ `{ _entities(representations: [{ __typename: "Order", id: "ORD-000001" }]) { ... on Order { id } } }`, {}, partner);
    expect(entity.data?._entities).toEqual([null]);
    expect(entity.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
