// The hub killed (SIGKILL) between reserving stock and confirming, on SQLite and PostgreSQL: on restart each placement finishes or is undone,
// and no stock stays held for nothing; and an unpaid hold that lapses while the hub is down still cancels its order.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_DIALECTS } from '@retail-hub/platform/store/test-stores';
import { PLACE_ORDER, setOnHand, startOrdersHub, STOCK, storeOrder, type OrdersHub } from './support/orders-hub.js';
import { within } from '@retail-hub/platform/testing/within';

const STORE = 'LOC-S0003';

describe.each(TEST_DIALECTS)('a crash during placement on %s', (dialect) => {
  let h: OrdersHub;

  beforeAll(async () => {
    // Live placements stop for good right after reserve-stock is saved; sagas are taken over 3 s after they were last touched;
    // an unpaid order's hold lapses after 15 s, about when the restarted hub recovers it (either way is fine).
    h = await startOrdersHub(dialect, { env: { HUB_TEST_PAUSE_SAGA_AT: 'reserve-stock', HUB_SAGA_LEASE_MS: '3000', HUB_ORDER_PAYMENT_WINDOW_MS: '15000' } });
  }, 300_000);
  afterAll(async () => h?.dispose());

  const stock = async (sku: string) => (await h.gql(STOCK, { sku, loc: STORE })).data.product.stock as { onHand: number; reserved: number; available: number };

  it('finishes paid placements and undoes an unpaid one whose hold lapsed, leaving no reservation behind', { timeout: 300_000 }, async () => {
    await setOnHand(h, 'SKU-000020', STORE, 10);
    await setOnHand(h, 'SKU-000021', STORE, 10);
    const paid = [1, 2, 3].map((i) => ({ key: `crash-paid-${i}`, input: storeOrder(STORE, [{ sku: 'SKU-000020', quantity: i }]) }));
    const unpaid = { key: 'crash-unpaid', input: { ...storeOrder(STORE, [{ sku: 'SKU-000021', quantity: 4 }]), payment: { method: 'BANK_TRANSFER' } } };
    // The requests hang at the pause; they never answer.
    for (const p of [...paid, unpaid]) void h.gql(PLACE_ORDER, p).catch(() => undefined);
    await vi.waitFor(async () => {
      expect((await stock('SKU-000020')).reserved, 'held for the paid orders').toBe(6);
      expect((await stock('SKU-000021')).reserved, 'held for the unpaid order').toBe(4);
    }, within(60_000));
    expect((await h.gql(`{ orders(first: 10) { totalCount } }`)).data.orders.totalCount).toBe(0);

    await h.restart({ signal: 'SIGKILL', env: { HUB_TEST_PAUSE_SAGA_AT: '' } });

    // The same requests again (as a client retrying would): each gets what recovery made of its placement.
    const replays = await Promise.all(paid.map((p) => h.gql(PLACE_ORDER, p)));
    expect(replays.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    const orders = replays.map((r) => r.data.placeOrder.order);
    expect(orders.map((o) => [o.status, o.lines[0].quantity])).toEqual([['CONFIRMED', 1], ['CONFIRMED', 2], ['CONFIRMED', 3]]);
    expect(new Set(orders.map((o) => o.id)).size).toBe(3);

    // The unpaid hold lapsed meanwhile: recovery undid that placement (or cancelled the order it had recorded).
    await vi.waitFor(async () => expect((await stock('SKU-000021')).reserved, 'reserved once the unpaid hold lapsed').toBe(0), within(60_000));
    // When recovery had recorded the order, orders cancels it on inventory.reservation.expired.v1, which it
    // consumes after the hold is gone: a replay until then shows it PLACED.
    const outcomeOf = async () => {
      const outcome = (await h.gql(PLACE_ORDER, unpaid)).data.placeOrder;
      return outcome.order === null ? outcome.errors[0].code : outcome.order.status;
    };
    await vi.waitFor(async () => expect(await outcomeOf(), 'the unpaid placement').toMatch(/^(RESERVATION_LAPSED|CANCELLED)$/), within(30_000));

    // Held units are exactly those of the confirmed orders: nothing left behind.
    expect(await stock('SKU-000020')).toEqual({ onHand: 10, reserved: 6, available: 4 });
    for (const o of orders) {
      const held = await h.gql(`query($id: ID!) { reservation(orderId: $id) { status lines { sku quantity } } }`, { id: o.id });
      expect(held.data.reservation).toEqual({ status: 'HELD', lines: [{ sku: 'SKU-000020', quantity: o.lines[0].quantity }] });
    }
    expect((await h.gql(`{ orders(first: 10, filter: { status: CONFIRMED }) { totalCount } }`)).data.orders.totalCount).toBe(3);
  });

});

describe.each(TEST_DIALECTS)('a hold that lapses while the hub is down on %s', (dialect) => {
  let h: OrdersHub;

  beforeAll(async () => {
    h = await startOrdersHub(dialect, { env: { HUB_ORDER_PAYMENT_WINDOW_MS: '5000' } });
  }, 300_000);
  afterAll(async () => h?.dispose());

  it('cancels the unpaid order once the hub is back, though inventory releases the hold before orders listens', { timeout: 300_000 }, async () => {
    await setOnHand(h, 'SKU-000022', STORE, 10);
    const placed = (await h.gql(PLACE_ORDER, { key: 'lapsed-while-down', input: { ...storeOrder(STORE, [{ sku: 'SKU-000022', quantity: 2 }]), payment: { method: 'BANK_TRANSFER' } } })).data.placeOrder.order;
    expect([placed.status, placed.paymentStatus]).toEqual(['PLACED', 'PENDING']);

    // Down longer than the 5 s payment window. Inventory starts before orders, and its sweeper releases the lapsed
    // hold at once: the expiry must still reach orders, which subscribes a few seconds later.
    await h.restart({ downForMs: 6_000 });
    const status = async () => (await h.gql(`query($id: ID!) { order(id: $id) { status paymentStatus } }`, { id: placed.id })).data.order;
    await vi.waitFor(async () => expect(await status(), 'the unpaid order').toEqual({ status: 'CANCELLED', paymentStatus: 'VOIDED' }), within(30_000));
    const held = await h.gql(STOCK, { sku: 'SKU-000022', loc: STORE });
    expect(held.data.product.stock).toEqual({ onHand: 10, reserved: 0, available: 10 });
  });
});
