// Placing orders through the gateway of the real hub, on SQLite and PostgreSQL: no oversell, idempotency, bad input that writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '@retail-hub/platform/store/test-stores';
import { PLACE_ORDER, setOnHand, startOrdersHub, STOCK, storeOrder, TEST_ADMIN_KEY, type OrdersHub } from './support/orders-hub.js';

const HOT_SKU = 'SKU-000010';
const STORE = 'LOC-S0005';
/** The numbers; run with others through the environment. */
const BUYERS = Number(process.env.ORDERS_TEST_BUYERS ?? 1000);
const UNITS = Number(process.env.ORDERS_TEST_UNITS ?? 100);
const SAME_KEY = Number(process.env.ORDERS_TEST_SAME_KEY ?? 50);

describe.each(TEST_DIALECTS)('placing orders on %s', (dialect) => {
  let h: OrdersHub;

  beforeAll(async () => {
    h = await startOrdersHub(dialect);
  }, 300_000);
  afterAll(async () => h?.dispose());

  const stock = async (sku: string, loc: string) => (await h.gql(STOCK, { sku, loc })).data.product.stock as { onHand: number; reserved: number; available: number };
  const orderCount = async () => (await h.gql(`{ orders(first: 1) { totalCount } }`)).data.orders.totalCount as number;

  it(`sells exactly the ${UNITS} units a store has to ${BUYERS} concurrent buyers, never going below zero`, { timeout: 600_000 }, async () => {
    await setOnHand(h, HOT_SKU, STORE, UNITS);
    const before = await stock(HOT_SKU, STORE);
    expect(before).toEqual({ onHand: UNITS, reserved: 0, available: UNITS });
    const ordersBefore = await orderCount();

    // Watch the position while the orders arrive: the invariant holds at every step.
    let watching = true;
    const seen: { onHand: number; reserved: number; available: number }[] = [];
    const watcher = (async () => {
      while (watching) {
        // Its own connection, so the watcher is not queued behind the thousand orders.
        const read = await h.hub.graphql(STOCK, { sku: HOT_SKU, loc: STORE }, { authorization: `Bearer ${TEST_ADMIN_KEY}` });
        seen.push(read.data.product.stock);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const results = await Promise.all(Array.from({ length: BUYERS }, (_, i) => h.gql(PLACE_ORDER, { key: `oversell-${i}`, input: storeOrder(STORE, [{ sku: HOT_SKU, quantity: 1 }], `CUST-${i}`) })));
    watching = false;
    await watcher;

    expect(results.filter((r) => r.errors)).toEqual([]);
    const placed = results.filter((r) => r.data.placeOrder.order);
    const refused = results.filter((r) => !r.data.placeOrder.order);
    expect(placed).toHaveLength(Math.min(UNITS, BUYERS));
    expect(placed.every((r) => r.data.placeOrder.order.status === 'CONFIRMED')).toBe(true);
    expect(refused).toHaveLength(Math.max(0, BUYERS - UNITS));
    expect(refused.every((r) => r.data.placeOrder.errors[0].code === 'INSUFFICIENT_STOCK' && r.data.placeOrder.errors[0].field === 'input.lines.0.quantity')).toBe(true);
    const sold = Math.min(UNITS, BUYERS);
    expect(await stock(HOT_SKU, STORE)).toEqual({ onHand: UNITS, reserved: sold, available: UNITS - sold });
    expect(seen.length).toBeGreaterThan(3);
    for (const s of [...seen, await stock(HOT_SKU, STORE)]) {
      expect(s.onHand).toBe(s.available + s.reserved);
      expect(s.available).toBeGreaterThanOrEqual(0);
      expect(s.reserved).toBeLessThanOrEqual(UNITS);
    }
    // Refused attempts leave no order behind.
    expect(await orderCount()).toBe(ordersBefore + sold);
  });

  it(`makes one order of ${SAME_KEY} concurrent requests with one key, and replays it afterwards`, async () => {
    await setOnHand(h, 'SKU-000011', STORE, 50);
    const input = storeOrder(STORE, [{ sku: 'SKU-000011', quantity: 2 }, { sku: 'SKU-000012', quantity: 1 }]);
    const ordersBefore = await orderCount();
    const results = await Promise.all(Array.from({ length: SAME_KEY }, () => h.gql(PLACE_ORDER, { key: `same-key-${dialect}`, input })));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const ids = new Set(results.map((r) => r.data.placeOrder.order?.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^ORD-/);
    expect(await orderCount()).toBe(ordersBefore + 1);
    expect((await stock('SKU-000011', STORE)).reserved).toBe(2);

    const replay = await h.gql(PLACE_ORDER, { key: `same-key-${dialect}`, input });
    expect(replay.data.placeOrder.order.id).toBe([...ids][0]);
    const reused = await h.gql(PLACE_ORDER, { key: `same-key-${dialect}`, input: { ...input, customerRef: 'SOMEONE-ELSE' } });
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
    expect(await orderCount()).toBe(ordersBefore + 1);
    expect((await stock('SKU-000011', STORE)).reserved).toBe(2);
  });

  it('replays an expected refusal too: the same key gets the same INSUFFICIENT_STOCK', async () => {
    await setOnHand(h, 'SKU-000013', STORE, 1);
    const input = storeOrder(STORE, [{ sku: 'SKU-000013', quantity: 5 }]);
    const first = await h.gql(PLACE_ORDER, { key: `refused-${dialect}`, input });
    expect(first.data.placeOrder).toMatchObject({ order: null, errors: [{ code: 'INSUFFICIENT_STOCK', field: 'input.lines.0.quantity' }] });
    await setOnHand(h, 'SKU-000013', STORE, 10);
    const again = await h.gql(PLACE_ORDER, { key: `refused-${dialect}`, input });
    expect(again.data.placeOrder).toEqual(first.data.placeOrder);
  });

  it('refuses bad input with an error naming the field, and writes nothing', async () => {
    await setOnHand(h, 'SKU-000014', STORE, 20);
    const ordersBefore = await orderCount();
    const stockBefore = await stock('SKU-000014', STORE);
    const good = storeOrder(STORE, [{ sku: 'SKU-000014', quantity: 1 }]);
    const cases: [string, Record<string, unknown>, string][] = [
      ['unknown SKU', { ...good, lines: [{ sku: 'SKU-000014', quantity: 1 }, { sku: 'SKU-999999', quantity: 1 }] }, 'input.lines.1.sku'],
      ['zero quantity', { ...good, lines: [{ sku: 'SKU-000014', quantity: 0 }] }, 'input.lines.0.quantity'],
      ['negative quantity', { ...good, lines: [{ sku: 'SKU-000014', quantity: -3 }] }, 'input.lines.0.quantity'],
      ['unknown location', { ...good, locationId: 'LOC-NOWHERE' }, 'input.locationId'],
      ['missing payment', { ...good, payment: null }, 'input.payment'],
      ['card without authorization', { ...good, payment: { method: 'CARD' } }, 'input.payment.authorizationRef'],
      ['a store order at a DC', { ...good, locationId: 'LOC-D01' }, 'input.locationId'],
      ['no lines', { ...good, lines: [] }, 'input.lines'],
    ];
    for (const [what, input, field] of cases) {
      const result = await h.gql(PLACE_ORDER, { key: `bad-${what}`, input });
      expect(result.errors?.[0]?.extensions, what).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const noKey = await h.gql(PLACE_ORDER, { key: '', input: good });
    expect(noKey.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(await orderCount()).toBe(ordersBefore);
    expect(await stock('SKU-000014', STORE)).toEqual(stockBefore);
    // Nothing was kept under the keys either: the corrected request with the same key goes through.
    const fixed = await h.gql(PLACE_ORDER, { key: 'bad-unknown SKU', input: good });
    expect(fixed.data.placeOrder.order.status).toBe('CONFIRMED');
  });

  it('refuses an invalid transition naming the current status, and changes nothing', async () => {
    await setOnHand(h, 'SKU-000015', STORE, 5);
    const placed = await h.gql(PLACE_ORDER, { key: `transition-${dialect}`, input: storeOrder(STORE, [{ sku: 'SKU-000015', quantity: 1 }]) });
    const id = placed.data.placeOrder.order.id;
    const deliver = await h.gql(`mutation($id: ID!) { markDelivered(id: $id) { order { status } } }`, { id });
    expect(deliver.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', field: 'id', currentStatus: 'CONFIRMED' });
    expect(deliver.errors?.[0]?.message).toContain('it is CONFIRMED');
    const ret = await h.gql(`mutation($id: ID!) { returnOrder(id: $id, input: { lines: [{ sku: "SKU-000015", quantity: 1 }], restockLocationId: "${STORE}" }) { order { status } } }`, { id });
    expect(ret.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', currentStatus: 'CONFIRMED' });
    const after = await h.gql(`query($id: ID!) { order(id: $id) { status paymentStatus timeline { to } returns { id } } }`, { id });
    expect(after.data.order).toEqual({ status: 'CONFIRMED', paymentStatus: 'AUTHORIZED', timeline: [{ to: 'PLACED' }, { to: 'CONFIRMED' }], returns: [] });
    const unknown = await h.gql(`mutation { cancelOrder(id: "ORD-NOPE") { order { id } } }`);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });
});
