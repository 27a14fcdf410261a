// An order's life through the gateway of the real hub, on SQLite and PostgreSQL: placed, shipped with the ERP off, delivered,
// returned; cancellations, a split order, unpaid orders, and dead-lettered postings replayed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_DIALECTS } from '@retail-hub/platform/store/test-stores';
import { PLACE_ORDER, setOnHand, startOrdersHub, STOCK, storeOrder, type OrdersHub } from './support/orders-hub.js';
import { within } from '@retail-hub/platform/testing/within';

const ORDER = /* GraphQL */ `
  query($id: ID!) {
    order(id: $id) {
      id status paymentStatus total { centAmount }
      lines { sku quantity returnedQuantity lineTotal { centAmount } }
      fulfilments { id status carrier trackingNumber location { id type } lines { sku quantity } }
      timeline { from to paymentStatus actor note }
      returns { id restockLocation { id } lines { sku quantity refund { centAmount } } refund { centAmount currency } }
      erpPostings { id kind status attempts documentNo total { centAmount } }
    }
  }
`;
const SHIP = /* GraphQL */ `mutation($id: ID!, $input: ShipOrderInput!) { shipOrder(id: $id, input: $input) { order { status paymentStatus } errors { code } } }`;

describe.each(TEST_DIALECTS)('an order from placement to return on %s', (dialect) => {
  let h: OrdersHub;

  beforeAll(async () => {
    // Three sends and a posting is dead-lettered (no breaker in the way), so the replay can be shown too.
    h = await startOrdersHub(dialect, { env: { HUB_ERP_MAX_ATTEMPTS: '3', HUB_ERP_BREAKER_THRESHOLD: '1000' } });
  }, 300_000);
  afterAll(async () => h?.dispose());

  const stock = async (sku: string, loc: string) => (await h.gql(STOCK, { sku, loc })).data.product.stock as { onHand: number; reserved: number; available: number };
  const order = async (id: string) => (await h.gql(ORDER, { id })).data.order;
  const place = async (key: string, input: Record<string, unknown>) => {
    const result = await h.gql(PLACE_ORDER, { key, input });
    expect(result.errors).toBeUndefined();
    return result.data.placeOrder;
  };

  it('walks an order through shipment, delivery and a partial return with the ERP switched off halfway', { timeout: 300_000 }, async () => {
    await setOnHand(h, 'SKU-000030', 'LOC-S0002', 10);
    await setOnHand(h, 'SKU-000031', 'LOC-S0002', 10);
    const restockBefore = (await stock('SKU-000030', 'LOC-S0004')).onHand;
    const placed = await place(`walk-${dialect}`, storeOrder('LOC-S0002', [{ sku: 'SKU-000030', quantity: 3 }, { sku: 'SKU-000031', quantity: 1 }]));
    const id = placed.order.id;
    expect(placed.order).toMatchObject({ status: 'CONFIRMED', paymentStatus: 'AUTHORIZED', fulfilments: [{ status: 'PENDING', location: { id: 'LOC-S0002' } }] });
    expect(await stock('SKU-000030', 'LOC-S0002')).toEqual({ onHand: 10, reserved: 3, available: 7 });
    await vi.waitFor(async () => expect((await order(id)).erpPostings[0].status, 'the sales document').toBe('POSTED'), within(30_000));

    await h.erpFaults('outage');
    const shipped = await h.gql(SHIP, { id, input: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' } });
    expect(shipped.data.shipOrder).toEqual({ order: { status: 'SHIPPED', paymentStatus: 'CAPTURED' }, errors: [] });
    // The ERP has not booked the sale: the units stay reserved (not available) rather than on-hand dropping unseen.
    expect(await stock('SKU-000030', 'LOC-S0002')).toEqual({ onHand: 10, reserved: 3, available: 7 });
    expect((await h.gql(`mutation($id: ID!) { markDelivered(id: $id) { order { status } } }`, { id })).data.markDelivered.order.status).toBe('DELIVERED');
    const returned = await h.gql(`mutation($id: ID!) { returnOrder(id: $id, input: { lines: [{ sku: "SKU-000030", quantity: 1 }], restockLocationId: "LOC-S0004", reason: "too many" }) { order { status paymentStatus } } }`, { id });
    expect(returned.data.returnOrder.order).toEqual({ status: 'PARTIALLY_RETURNED', paymentStatus: 'PARTIALLY_REFUNDED' });

    let seen = await order(id);
    const line = seen.lines.find((l: { sku: string }) => l.sku === 'SKU-000030');
    expect(line.returnedQuantity).toBe(1);
    expect(seen.returns).toEqual([{ id: `${id}-R1`, restockLocation: { id: 'LOC-S0004' }, lines: [{ sku: 'SKU-000030', quantity: 1, refund: { centAmount: Math.round(line.lineTotal.centAmount / 3) } }], refund: { centAmount: Math.round(line.lineTotal.centAmount / 3), currency: 'USD' } }]);
    expect(seen.timeline.map((t: { to: string; paymentStatus: string }) => `${t.to}/${t.paymentStatus}`)).toEqual(['PLACED/AUTHORIZED', 'CONFIRMED/AUTHORIZED', 'SHIPPED/CAPTURED', 'DELIVERED/CAPTURED', 'PARTIALLY_RETURNED/PARTIALLY_REFUNDED']);
    expect(seen.timeline[2].note).toContain('UPS 1Z999AA10123456784');
    expect(seen.fulfilments[0]).toMatchObject({ status: 'DELIVERED', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' });

    // Three failed sends each, then the invoice and the credit note are dead letters waiting for a person.
    await vi.waitFor(async () => expect((await order(id)).erpPostings.filter((p: { status: string }) => p.status === 'DEAD'), 'dead-lettered postings').toHaveLength(2), within(60_000));
    await h.erpFaults('none');
    const notDead = await h.gql(`mutation($id: ID!) { replayErpPosting(id: $id) { replayed } }`, { id: `${id}-SO` });
    expect(notDead.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const emptyText = await h.gql(`mutation($id: ID!) { replayErpPostings(filter: { orderId: $id, errorContains: "" }) { replayed } }`, { id });
    expect(emptyText.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.errorContains' });
    expect((await order(id)).erpPostings.filter((p: { status: string }) => p.status === 'DEAD'), 'dead letters after the refused replay').toHaveLength(2);
    const replay = await h.gql(`mutation($id: ID!) { replayErpPostings(filter: { orderId: $id }) { replayed postings { id status } } }`, { id });
    expect(replay.data.replayErpPostings.replayed).toBe(2);
    await vi.waitFor(async () => expect(new Set((await order(id)).erpPostings.map((p: { status: string }) => p.status)), 'the replayed postings').toEqual(new Set(['POSTED'])), within(60_000));

    seen = await order(id);
    expect(seen.erpPostings.map((p: { kind: string; status: string }) => `${p.kind}/${p.status}`)).toEqual(['SALES_DOCUMENT/POSTED', 'INVOICE/POSTED', 'CREDIT_NOTE/POSTED']);
    const invoice = seen.erpPostings.find((p: { kind: string }) => p.kind === 'INVOICE');
    expect(invoice.total.centAmount).toBe(seen.total.centAmount);
    const ledger = h.erpLedger([id]);
    expect(ledger.map((d) => d.posting_id).sort()).toEqual([`${id}-CN-1`, `${id}-INV-1`, `${id}-SO`]);
    // Inventory's stock moves (the sale of both lines, the return) were dead-lettered too; replayed, the ERP books each once.
    await vi.waitFor(async () => {
      await h.gql(`mutation($id: ID!) { replayStockBookings(orderId: $id) { replayed } }`, { id });
      const moves = (await h.gql(`query($id: ID!) { stockBookings(orderId: $id) { kind status } }`, { id })).data.stockBookings;
      expect(moves.map((m: { status: string }) => m.status), 'the stock moves in the ERP stock ledger').toEqual(['BOOKED', 'BOOKED', 'BOOKED']);
    }, within(60_000));
    // On-hand and reserved dropped together at the store that shipped; the returned unit went back at LOC-S0004.
    await vi.waitFor(async () => expect((await stock('SKU-000030', 'LOC-S0002')).reserved, 'reserved after the sale').toBe(0), within(60_000));
    expect(await stock('SKU-000030', 'LOC-S0002')).toEqual({ onHand: 7, reserved: 0, available: 7 });
    await vi.waitFor(async () => expect((await stock('SKU-000030', 'LOC-S0004')).onHand, 'on hand after the return').toBe(restockBefore + 1), within(60_000));

    const again = await h.gql(`mutation($id: ID!) { cancelOrder(id: $id) { order { status } } }`, { id });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', currentStatus: 'PARTIALLY_RETURNED' });
    const rest = await h.gql(`mutation($id: ID!) { returnOrder(id: $id, input: { lines: [{ sku: "SKU-000030", quantity: 3 }], restockLocationId: "LOC-S0002" }) { order { status } } }`, { id });
    expect(rest.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines.0.quantity' });
    // The rest comes back: the order is RETURNED, and with that the whole payment refunded.
    const lastReturn = `mutation($id: ID!) { returnOrder(id: $id, input: { lines: [{ sku: "SKU-000030", quantity: 2 }, { sku: "SKU-000031", quantity: 1 }], restockLocationId: "LOC-S0002" }) { order { status paymentStatus returns { refund { centAmount } } } } }`;
    const all = (await h.gql(lastReturn, { id })).data.returnOrder.order;
    expect([all.status, all.paymentStatus]).toEqual(['RETURNED', 'REFUNDED']);
    expect(all.returns.reduce((sum: number, r: { refund: { centAmount: number } }) => sum + r.refund.centAmount, 0)).toBe(seen.total.centAmount);
  });

  it('cancels before shipment: the hold is released and the payment voided; after that it stays cancelled', async () => {
    await setOnHand(h, 'SKU-000032', 'LOC-S0002', 5);
    const { order: placed } = await place(`cancel-${dialect}`, storeOrder('LOC-S0002', [{ sku: 'SKU-000032', quantity: 2 }]));
    const cancelled = await h.gql(`mutation($id: ID!) { cancelOrder(id: $id, reason: "changed mind") { order { status paymentStatus timeline { to note } } } }`, { id: placed.id });
    expect(cancelled.data.cancelOrder.order).toMatchObject({ status: 'CANCELLED', paymentStatus: 'VOIDED', timeline: [{ to: 'PLACED' }, { to: 'CONFIRMED' }, { to: 'CANCELLED', note: 'changed mind' }] });
    await vi.waitFor(async () => expect((await stock('SKU-000032', 'LOC-S0002')).reserved, 'reserved after the cancellation').toBe(0), within(30_000));
    const ship = await h.gql(SHIP, { id: placed.id, input: { carrier: 'UPS', trackingNumber: 'X' } });
    expect(ship.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', field: 'id', currentStatus: 'CANCELLED' });
  });

  it('lets exactly one of competing changes win: a cancellation against a shipment, and eight returns of two units', async () => {
    await setOnHand(h, 'SKU-000036', 'LOC-S0002', 10);
    const reservedBefore = (await stock('SKU-000036', 'LOC-S0002')).reserved;
    const { order: raced } = await place(`race-cancel-ship-${dialect}`, storeOrder('LOC-S0002', [{ sku: 'SKU-000036', quantity: 1 }]));
    const [cancel, ship] = await Promise.all([
      h.gql(`mutation($id: ID!) { cancelOrder(id: $id) { order { status paymentStatus } } }`, { id: raced.id }),
      h.gql(SHIP, { id: raced.id, input: { carrier: 'UPS', trackingNumber: 'RACE-1' } }),
    ]);
    const won = [cancel.data?.cancelOrder?.order, ship.data?.shipOrder?.order].filter(Boolean);
    expect(won, 'the changes that succeeded').toHaveLength(1);
    const loser = (cancel.errors ?? ship.errors)![0]!.extensions;
    // The loser read the order after the winner committed (INVALID_TRANSITION naming it), or gave up on a moving version.
    expect(['INVALID_TRANSITION', 'CONFLICT']).toContain(loser.code);
    const after = await order(raced.id);
    expect([after.status, after.paymentStatus]).toEqual(cancel.data?.cancelOrder ? ['CANCELLED', 'VOIDED'] : ['SHIPPED', 'CAPTURED']);
    expect(after.timeline.map((t: { to: string }) => t.to)).toEqual(['PLACED', 'CONFIRMED', after.status]);
    if (after.status === 'CANCELLED') await vi.waitFor(async () => expect((await stock('SKU-000036', 'LOC-S0002')).reserved, 'reserved after the cancellation').toBe(reservedBefore), within(30_000));

    // Eight desks take one unit each back at once; the order had two.
    const { order: returned } = await place(`race-returns-${dialect}`, storeOrder('LOC-S0002', [{ sku: 'SKU-000036', quantity: 2 }]));
    await h.gql(SHIP, { id: returned.id, input: { carrier: 'UPS', trackingNumber: 'RACE-2' } });
    await h.gql(`mutation($id: ID!) { markDelivered(id: $id) { order { status } } }`, { id: returned.id });
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) => h.gql(`mutation($id: ID!) { returnOrder(id: $id, input: { lines: [{ sku: "SKU-000036", quantity: 1 }], restockLocationId: "LOC-S0002", reason: "desk ${i}" }) { order { status } } }`, { id: returned.id })),
    );
    expect(attempts.filter((a) => a.data?.returnOrder?.order), 'the returns that succeeded').toHaveLength(2);
    for (const refused of attempts.filter((a) => a.errors)) expect(['INVALID_TRANSITION', 'BAD_USER_INPUT', 'CONFLICT']).toContain(refused.errors![0]!.extensions.code);
    const settled = await order(returned.id);
    expect([settled.status, settled.paymentStatus]).toEqual(['RETURNED', 'REFUNDED']);
    expect(settled.lines[0].returnedQuantity).toBe(2);
    expect(settled.returns).toHaveLength(2);
    expect(settled.returns.reduce((sum: number, r: { refund: { centAmount: number } }) => sum + r.refund.centAmount, 0)).toBe(settled.total.centAmount);
    expect(settled.erpPostings.filter((p: { kind: string }) => p.kind === 'CREDIT_NOTE')).toHaveLength(2);
  });

  it('routes an ecommerce order to a DC and a store of the region when no single place has it all, and ships it part by part', async () => {
    const home = (await h.gql(`{ location(id: "LOC-S0001") { region } }`)).data.location.region as string;
    const candidates = (await h.gql(`query($r: String) { locations(first: 200, filter: { region: $r, type: STORE }) { nodes { id } } }`, { r: home })).data.locations.nodes.map((n: { id: string }) => n.id);
    for (const loc of ['LOC-E01', 'LOC-D01', 'LOC-D02', 'LOC-D03', ...candidates]) {
      await setOnHand(h, 'SKU-000033', loc, loc === 'LOC-D02' ? 2 : 0);
      await setOnHand(h, 'SKU-000034', loc, loc === 'LOC-S0001' ? 1 : 0);
    }
    const { order: placed } = await place(`split-${dialect}`, { channel: 'ECOMMERCE', locationId: 'LOC-S0001', customerRef: 'WEB-1', lines: [{ sku: 'SKU-000033', quantity: 2 }, { sku: 'SKU-000034', quantity: 1 }], payment: { method: 'CARD', authorizationRef: 'auth-split' } });
    expect(placed.fulfilments.map((f: { location: { id: string }; lines: unknown[] }) => [f.location.id, f.lines])).toEqual([
      ['LOC-D02', [{ sku: 'SKU-000033', quantity: 2 }]],
      ['LOC-S0001', [{ sku: 'SKU-000034', quantity: 1 }]],
    ]);
    const which = await h.gql(SHIP, { id: placed.id, input: { carrier: 'DHL', trackingNumber: 'D1' } });
    expect(which.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fulfilmentId' });
    expect((await h.gql(SHIP, { id: placed.id, input: { fulfilmentId: `${placed.id}-F1`, carrier: 'DHL', trackingNumber: 'D1' } })).data.shipOrder.order).toEqual({ status: 'CONFIRMED', paymentStatus: 'AUTHORIZED' });
    expect((await h.gql(SHIP, { id: placed.id, input: { carrier: 'DHL', trackingNumber: 'D2' } })).data.shipOrder.order).toEqual({ status: 'SHIPPED', paymentStatus: 'CAPTURED' });
    const cancel = await h.gql(`mutation($id: ID!) { cancelOrder(id: $id) { order { status } } }`, { id: placed.id });
    expect(cancel.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', currentStatus: 'SHIPPED' });
  });

  it('keeps an unpaid order PLACED until its payment arrives, cancels it when the payment fails or its hold lapses', async () => {
    await setOnHand(h, 'SKU-000035', 'LOC-S0002', 9);
    const unpaid = (key: string, quantity: number) => place(key, { ...storeOrder('LOC-S0002', [{ sku: 'SKU-000035', quantity }]), payment: { method: 'BANK_TRANSFER' } });
    const paidLater = (await unpaid(`unpaid-a-${dialect}`, 1)).order;
    const failing = (await unpaid(`unpaid-b-${dialect}`, 2)).order;
    const lapsing = (await unpaid(`unpaid-c-${dialect}`, 3)).order;
    expect([paidLater.status, paidLater.paymentStatus]).toEqual(['PLACED', 'PENDING']);
    expect(await stock('SKU-000035', 'LOC-S0002')).toEqual({ onHand: 9, reserved: 6, available: 3 });

    const payment = `mutation($id: ID!, $input: PaymentResultInput!) { recordPaymentResult(id: $id, input: $input) { order { status paymentStatus } errors { code } } }`;
    expect((await h.gql(payment, { id: paidLater.id, input: { status: 'AUTHORIZED', authorizationRef: 'bank-77' } })).data.recordPaymentResult).toEqual({ order: { status: 'CONFIRMED', paymentStatus: 'AUTHORIZED' }, errors: [] });
    expect((await h.gql(payment, { id: failing.id, input: { status: 'FAILED', reason: 'insufficient funds' } })).data.recordPaymentResult.order).toEqual({ status: 'CANCELLED', paymentStatus: 'FAILED' });
    await vi.waitFor(async () => expect((await stock('SKU-000035', 'LOC-S0002')).reserved, 'reserved once the failed order\'s hold is released').toBe(4), within(30_000));

    // A day later (the hub's clock) the sweeper releases the last unpaid hold, and the order is cancelled.
    await fetch(`${h.hub.baseUrl}/admin/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 25 * 3_600_000 }) });
    await vi.waitFor(async () => expect((await order(lapsing.id)).status, 'the lapsed order').toBe('CANCELLED'), within(30_000));
    expect(await stock('SKU-000035', 'LOC-S0002')).toEqual({ onHand: 9, reserved: 1, available: 8 });
    const late = await h.gql(payment, { id: lapsing.id, input: { status: 'AUTHORIZED', authorizationRef: 'too-late' } });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', currentStatus: 'CANCELLED' });
    expect((await order(paidLater.id)).status).toBe('CONFIRMED');
  });
});
