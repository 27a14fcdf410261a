// Reservations on SQLite and PostgreSQL: all-or-nothing holds that never oversell, expiry, release, and shipments booked in the ERP.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEnvelope, execute, serviceClaims, systemClock, type EventEnvelope } from '@retail-hub/platform';
import { sql } from 'kysely';
import { within } from '@retail-hub/platform/testing/within';
import { ReservationLedger } from '../src/services/reservation-ledger.js';
import { ReservationRepository } from '../src/store/reservation.repository.js';
import { TEST_DIALECTS } from '@retail-hub/platform/store/test-stores';
import { startInventory, type InventoryHarness } from './inventory-harness.js';

const ORDERS = serviceClaims('orders');
const RESERVE = /* GraphQL */ `mutation($input: ReserveStockInput!) { reserveStock(input: $input) {
  reservation { orderId status expiresAt lines { sku quantity shippedQuantity location { id } } } errors { code field message } } }`;
const LEVEL = /* GraphQL */ `query($sku: ID!, $loc: ID!) { stockLevels(filter: { skus: [$sku], locationIds: [$loc] }) { nodes { onHand reserved available } } }`;

describe.each(TEST_DIALECTS)('reservations on %s', (dialect) => {
  let h: InventoryHarness;
  const received: EventEnvelope[] = [];

  beforeAll(async () => {
    h = await startInventory(dialect);
    await h.deps.bus.subscribe({ consumer: 'test-listener', types: ['inventory.*'], handler: async ({ event }) => void received.push(event) });
  });
  afterAll(async () => h?.close());

  const level = async (sku: string, loc: string) => (await execute(h.subgraph, LEVEL, { sku, loc })).data.stockLevels.nodes[0] as { onHand: number; reserved: number; available: number };
  const reserve = (input: Record<string, unknown>, claims = ORDERS) => execute(h.subgraph, RESERVE, { input }, claims);
  /** Sets the ERP's on-hand for a position and lets the hub's view catch up. */
  async function stockOf(sku: string, loc: string, onHand: number): Promise<void> {
    const [current] = await h.erp.erp.ports.stockLedger.getPositions([{ sku, locationId: loc }]);
    await h.erp.erp.ports.stockLedger.postAdjustments([{ adjustmentId: `set-${sku}-${loc}-${Date.now()}`, sku, locationId: loc, delta: onHand - current!.onHand, reason: 'COUNT' }]);
    await h.subgraph.sync.syncNow();
  }

  it('refuses storefront and partner callers: holding stock needs a hub service credential', async () => {
    const result = await reserve({ orderId: 'ORD-X1', lines: [{ sku: 'SKU-000001', locationId: 'LOC-S0001', quantity: 1 }] }, { sub: 'key:web', kind: 'key', scopes: ['*'] });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await h.db.selectFrom('reservation').selectAll().execute()).toEqual([]);
  });

  it('holds every line or none, and names each short line', async () => {
    await stockOf('SKU-000002', 'LOC-S0001', 10);
    await stockOf('SKU-000003', 'LOC-S0001', 2);
    const result = await reserve({ orderId: 'ORD-A1', lines: [{ sku: 'SKU-000002', locationId: 'LOC-S0001', quantity: 4 }, { sku: 'SKU-000003', locationId: 'LOC-S0001', quantity: 3 }] });
    expect(result.data.reserveStock.reservation).toBeNull();
    expect(result.data.reserveStock.errors).toEqual([{ code: 'INSUFFICIENT_STOCK', field: 'input.lines.1.quantity', message: expect.stringContaining('Only 2 of SKU-000003') }]);
    expect(await level('SKU-000002', 'LOC-S0001')).toEqual({ onHand: 10, reserved: 0, available: 10 });
    expect(await h.db.selectFrom('reservation').selectAll().where('order_id', '=', 'ORD-A1').execute()).toEqual([]);

    const ok = await reserve({ orderId: 'ORD-A2', lines: [{ sku: 'SKU-000002', locationId: 'LOC-S0001', quantity: 4 }, { sku: 'SKU-000003', locationId: 'LOC-S0001', quantity: 2 }] });
    expect(ok.data.reserveStock).toMatchObject({ errors: [], reservation: { orderId: 'ORD-A2', status: 'HELD', expiresAt: null } });
    expect(await level('SKU-000002', 'LOC-S0001')).toEqual({ onHand: 10, reserved: 4, available: 6 });
    expect(await level('SKU-000003', 'LOC-S0001')).toEqual({ onHand: 2, reserved: 2, available: 0 });
  });

  it('never sells the same unit twice: 60 parallel holds for 25 units hold exactly 25', async () => {
    await stockOf('SKU-000004', 'LOC-S0002', 25);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => reserve({ orderId: `ORD-P${i}`, lines: [{ sku: 'SKU-000004', locationId: 'LOC-S0002', quantity: 1 + (i % 2) }] })),
    );
    const held = results.filter((r) => r.data.reserveStock.reservation).reduce((n, r) => n + r.data.reserveStock.reservation.lines[0].quantity, 0);
    const refused = results.filter((r) => r.data.reserveStock.errors[0]?.code === 'INSUFFICIENT_STOCK');
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    const after = await level('SKU-000004', 'LOC-S0002');
    // 25 units: every single-unit request that came after the last pair could still fill a gap of 1.
    expect(after.reserved).toBe(held);
    expect(held).toBeLessThanOrEqual(25);
    expect(held).toBeGreaterThanOrEqual(24);
    expect(after.onHand).toBe(after.available + after.reserved);
  });

  it('returns the first reservation when an order reserves again, holding nothing more', async () => {
    const input = { orderId: 'ORD-A2', lines: [{ sku: 'SKU-000002', locationId: 'LOC-S0001', quantity: 1 }] };
    const again = await reserve(input);
    expect(again.data.reserveStock.reservation.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])).toEqual([['SKU-000002', 4], ['SKU-000003', 2]]);
    expect((await level('SKU-000002', 'LOC-S0001')).reserved).toBe(4);
  });

  it('refuses bad input with the field named, holding nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ orderId: 'ORD-B1', lines: [{ sku: 'SKU-000002', locationId: 'LOC-S0001', quantity: 0 }] }, 'input.lines.0.quantity'],
      [{ orderId: 'ORD-B1', lines: [] }, 'input.lines'],
      [{ orderId: 'ORD-B1', lines: [{ sku: 'SKU-000002', locationId: 'LOC-NOWHERE', quantity: 1 }] }, 'input.lines.0.locationId'],
      [{ orderId: 'ORD-B1', lines: [{ sku: 'SKU-000002', locationId: 'LOC-S0001', quantity: 1 }, { sku: 'SKU-999999', locationId: 'LOC-S0001', quantity: 1 }] }, 'input.lines.1.sku'],
      [{ orderId: 'ORD-B1', lines: [{ sku: 'SKU-000002', locationId: 'LOC-S0001', quantity: 1 }], ttlSeconds: 0 }, 'input.ttlSeconds'],
    ];
    for (const [input, field] of cases) {
      const result = await reserve(input);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await h.db.selectFrom('reservation').selectAll().where('order_id', '=', 'ORD-B1').execute()).toEqual([]);
    expect((await level('SKU-000002', 'LOC-S0001')).reserved).toBe(4);
  });

  it('lets an unpaid hold lapse: the sweeper releases it on the hub clock, unless it was committed first', async () => {
    await stockOf('SKU-000005', 'LOC-S0001', 8);
    const asked = h.deps.clock.now().getTime();
    const lapsing = await reserve({ orderId: 'ORD-T1', lines: [{ sku: 'SKU-000005', locationId: 'LOC-S0001', quantity: 3 }], ttlSeconds: 600 });
    const expiresAt = Date.parse(lapsing.data.reserveStock.reservation.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(asked + 600_000);
    expect(expiresAt).toBeLessThanOrEqual(h.deps.clock.now().getTime() + 600_000);
    await reserve({ orderId: 'ORD-T2', lines: [{ sku: 'SKU-000005', locationId: 'LOC-S0001', quantity: 2 }], ttlSeconds: 600 });
    const committed = await execute(h.subgraph, /* GraphQL */ `mutation { commitReservation(orderId: "ORD-T2") { reservation { expiresAt } errors { code } } }`, {}, ORDERS);
    expect(committed.data.commitReservation).toEqual({ reservation: { expiresAt: null }, errors: [] });
    expect(await h.subgraph.sweeper.sweepNow()).toBe(0);
    h.deps.clock.advance(601_000);
    expect(await h.subgraph.sweeper.sweepNow()).toBe(1);
    expect(await level('SKU-000005', 'LOC-S0001')).toEqual({ onHand: 8, reserved: 2, available: 6 });
    const late = await execute(h.subgraph, /* GraphQL */ `mutation { commitReservation(orderId: "ORD-T1") { reservation { status } errors { code field } } }`, {}, ORDERS);
    expect(late.data.commitReservation).toEqual({ reservation: { status: 'EXPIRED' }, errors: [{ code: 'RESERVATION_NOT_HELD', field: 'orderId' }] });
    await h.subgraph.events.relay.flush();
    expect(received.find((e) => e.type === 'inventory.reservation.expired.v1' && e.subject === 'ORD-T1')?.data).toMatchObject({ lines: [{ sku: 'SKU-000005', locationId: 'LOC-S0001', quantity: 3 }] });
  });

  it('gives units back on release, once however often it is asked', async () => {
    const release = () => execute(h.subgraph, /* GraphQL */ `mutation { releaseReservation(orderId: "ORD-A2", reason: "PLACEMENT_FAILED") { reservation { status } errors { code } } }`, {}, ORDERS);
    expect((await release()).data.releaseReservation.reservation.status).toBe('RELEASED');
    expect((await release()).data.releaseReservation.reservation.status).toBe('RELEASED');
    expect(await level('SKU-000002', 'LOC-S0001')).toEqual({ onHand: 10, reserved: 0, available: 10 });
    await h.subgraph.events.relay.flush();
    const changes = received.filter((e) => e.type === 'inventory.stock.changed.v1' && e.subject === 'SKU-000002@LOC-S0001').map((e) => e.data as { reason: string; reserved: number }).filter((c) => c.reason.startsWith('RESERVATION:'));
    expect(changes.map((c) => [c.reason, c.reserved])).toEqual([['RESERVATION:HELD', 4], ['RESERVATION:RELEASED', 0]]);
  });

  it('holds nothing for an order released before its hold arrived (a hold call that outlived its caller)', async () => {
    await stockOf('SKU-000006', 'LOC-S0002', 10);
    const released = await execute(h.subgraph, /* GraphQL */ `mutation { releaseReservation(orderId: "ORD-L1", reason: "PLACEMENT_FAILED") { reservation { status lines { sku } } errors { code } } }`, {}, ORDERS);
    expect(released.data.releaseReservation).toEqual({ reservation: { status: 'RELEASED', lines: [] }, errors: [] });
    const late = await reserve({ orderId: 'ORD-L1', lines: [{ sku: 'SKU-000006', locationId: 'LOC-S0002', quantity: 3 }] });
    expect(late.data.reserveStock.reservation).toMatchObject({ status: 'RELEASED', lines: [] });
    expect(await level('SKU-000006', 'LOC-S0002')).toEqual({ onHand: 10, reserved: 0, available: 10 });
  });

  // On SQLite a process's holds and releases share one connection and run one after the other; on PostgreSQL a
  // release can run while the hold's transaction is still open, unseen by it.
  if (dialect === 'postgres') it('releases a hold that commits while the release is looking for it', async () => {
    await stockOf('SKU-000007', 'LOC-S0002', 10);
    let finishHold!: () => void;
    const holdMayCommit = new Promise<void>((resolve) => (finishHold = resolve));
    // Another replica's hold for the order, still being written.
    const ledger = new ReservationLedger(new ReservationRepository(h.db), systemClock);
    let holding = false;
    const hold = h.db.transaction().execute(async (trx) => {
      await ledger.hold(trx, 'ORD-L2', [{ sku: 'SKU-000007', locationId: 'LOC-S0002', quantity: 2 }], null, () => undefined);
      holding = true;
      await holdMayCommit;
    });
    await vi.waitFor(() => expect(holding, 'the hold written, not committed').toBe(true), within(10_000));
    const release = execute(h.subgraph, /* GraphQL */ `mutation { releaseReservation(orderId: "ORD-L2", reason: "PLACEMENT_FAILED") { reservation { status } } }`, {}, ORDERS);
    // The release has looked, found nothing, and now waits on the hold's row: only then may the hold commit.
    await vi.waitFor(async () => {
      const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(h.db);
      expect(waiting.rows[0]!.n, 'statements waiting on a lock').toBe(1);
    }, within(10_000));
    finishHold();
    await hold;
    expect((await release).data.releaseReservation.reservation.status).toBe('RELEASED');
    expect(await level('SKU-000007', 'LOC-S0002')).toEqual({ onHand: 10, reserved: 0, available: 10 });
  });

  it('keeps shipped units reserved until the ERP books the sale, through an ERP outage, then both drop together', async () => {
    await stockOf('SKU-000006', 'LOC-S0003', 12);
    await reserve({ orderId: 'ORD-S1', lines: [{ sku: 'SKU-000006', locationId: 'LOC-S0003', quantity: 5 }] });
    h.erp.faults.set({ outage: true });
    try {
      await h.deps.bus.publish([shipped('ORD-S1', 'ORD-S1-F1', 'LOC-S0003', [{ sku: 'SKU-000006', quantity: 5 }])]);
      await h.subgraph.stockBookings.drain();
      expect(await level('SKU-000006', 'LOC-S0003')).toEqual({ onHand: 12, reserved: 5, available: 7 });
    } finally {
      h.erp.faults.clear();
    }
    await new Promise((r) => setTimeout(r, 1100));
    h.deps.clock.advance(120_000);
    await h.subgraph.stockBookings.drain();
    expect(await level('SKU-000006', 'LOC-S0003')).toEqual({ onHand: 7, reserved: 0, available: 7 });
    expect((await h.erp.erp.ports.stockLedger.getPositions([{ sku: 'SKU-000006', locationId: 'LOC-S0003' }]))[0]!.onHand).toBe(7);
    // The event delivered again books nothing twice.
    await h.deps.bus.publish([shipped('ORD-S1', 'ORD-S1-F1', 'LOC-S0003', [{ sku: 'SKU-000006', quantity: 5 }])]);
    await h.subgraph.stockBookings.drain();
    expect((await h.erp.erp.ports.stockLedger.getPositions([{ sku: 'SKU-000006', locationId: 'LOC-S0003' }]))[0]!.onHand).toBe(7);
    const reservation = await execute(h.subgraph, /* GraphQL */ `{ reservation(orderId: "ORD-S1") { status lines { shippedQuantity } } }`, {}, ORDERS);
    expect(reservation.data.reservation).toEqual({ status: 'SHIPPED', lines: [{ shippedQuantity: 5 }] });
  });

  it('books a returned order back into stock at the chosen location, and releases a cancelled order\'s hold', async () => {
    await stockOf('SKU-000007', 'LOC-S0004', 3);
    await reserve({ orderId: 'ORD-C1', lines: [{ sku: 'SKU-000007', locationId: 'LOC-S0004', quantity: 2 }] });
    const ev = (type: string, data: unknown) => createEnvelope('orders', { type, subject: 'ORD-C1', data }, h.deps.clock);
    await h.deps.bus.publish([ev('orders.order.cancelled.v1', { orderId: 'ORD-C1' })]);
    expect(await level('SKU-000007', 'LOC-S0004')).toEqual({ onHand: 3, reserved: 0, available: 3 });
    await h.deps.bus.publish([ev('orders.order.returned.v1', { orderId: 'ORD-R1', returnId: 'ORD-R1-R1', restockLocationId: 'LOC-S0004', lines: [{ sku: 'SKU-000007', quantity: 2 }] })]);
    await h.subgraph.stockBookings.drain();
    expect(await level('SKU-000007', 'LOC-S0004')).toEqual({ onHand: 5, reserved: 0, available: 5 });
  });

  function shipped(orderId: string, fulfilmentId: string, locationId: string, lines: { sku: string; quantity: number }[]): EventEnvelope {
    return createEnvelope('orders', { type: 'orders.order.shipped.v1', subject: orderId, data: { orderId, status: 'SHIPPED', shipment: { fulfilmentId, locationId, carrier: 'UPS', trackingNumber: '1Z', lines }, shippedAt: h.deps.clock.now().toISOString() } }, h.deps.clock);
  }
});
