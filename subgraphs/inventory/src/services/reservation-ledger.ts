// The changes a reservation makes to reserved stock, inside the caller's transaction, each with the events it causes.
import type { Clock, NewEvent } from '@retail-hub/platform';
import type { Transaction } from 'kysely';
import { reservationCommittedEvent } from '../events/reservation-committed.event.js';
import { reservationCreatedEvent } from '../events/reservation-created.event.js';
import { reservationExpiredEvent } from '../events/reservation-expired.event.js';
import type { ReservedUnits } from '../events/reservation-line.js';
import { reservationReleasedEvent } from '../events/reservation-released.event.js';
import { reservationShippedEvent } from '../events/reservation-shipped.event.js';
import { stockChangedEvent } from '../events/stock-changed.event.js';
import type { InventoryDatabase } from '../store/inventory-tables.js';
import type { PositionAfter, ReservationRepository, UnitsLine } from '../store/reservation.repository.js';
import { availableOf } from './inventory-model.js';

export type EmitEvent = (event: NewEvent) => void;

/** Thrown inside a hold's transaction to roll it back: too few units of `line` were available. */
export class HoldRefused extends Error {
  constructor(readonly line: UnitsLine) {
    super(`not enough ${line.sku} at ${line.locationId}`);
    this.name = 'HoldRefused';
  }
}

export class ReservationLedger {
  constructor(private readonly reservations: ReservationRepository, private readonly clock: Clock) {}

  /**
   * Holds every line or throws HoldRefused (the caller's transaction then rolls back, so nothing is
   * held). Returns false, changing nothing, when the order already has a reservation.
   */
  async hold(trx: Transaction<InventoryDatabase>, orderId: string, lines: readonly UnitsLine[], expiresAt: string | null, emit: EmitEvent, now = this.clock.now().toISOString()): Promise<boolean> {
    if (!(await this.reservations.insertHold(trx, orderId, expiresAt, now))) return false;
    for (const line of lines) {
      const after = await this.reservations.holdUnits(trx, line);
      if (!after) throw new HoldRefused(line);
      emit(stockChanged(line, after, +line.quantity, 'RESERVATION:HELD', now));
    }
    await this.reservations.insertLines(trx, orderId, lines);
    emit(reservationCreatedEvent({ orderId, lines: lines.map(units), expiresAt, createdAt: now }));
    return true;
  }

  /**
   * Gives a HELD reservation's unshipped units back; false when it was not HELD (nothing to give back). An order
   * with no reservation yet gets a RELEASED one, so a hold that arrives late (its caller gave up and released)
   * holds nothing.
   */
  async release(trx: Transaction<InventoryDatabase>, orderId: string, reason: string, emit: EmitEvent): Promise<boolean> {
    if (await this.close(trx, orderId, 'RELEASED', emit, { reason })) return true;
    if (await this.reservations.insertReleased(trx, orderId, reason, this.clock.now().toISOString())) return false;
    // A row exists after all: a hold committed while the insert waited for it (PostgreSQL), or one already closed.
    return this.close(trx, orderId, 'RELEASED', emit, { reason });
  }

  /** Releases a hold whose time is up; false when it is no longer due (committed, released or shipped meanwhile). */
  async expire(trx: Transaction<InventoryDatabase>, orderId: string, emit: EmitEvent): Promise<boolean> {
    return this.close(trx, orderId, 'EXPIRED', emit, { expiredBy: this.clock.now().toISOString() });
  }

  /** Makes a HELD reservation firm (its order was paid); false when it is not HELD. */
  async commit(trx: Transaction<InventoryDatabase>, orderId: string, emit: EmitEvent): Promise<boolean> {
    const now = this.clock.now().toISOString();
    const found = await this.reservations.find(orderId, trx);
    if (found?.status !== 'HELD') return false;
    if (found.expires_at === null) return true;
    if (!(await this.reservations.clearExpiry(trx, orderId, now))) return false;
    emit(reservationCommittedEvent({ orderId, committedAt: now }));
    return true;
  }

  /**
   * Counts a shipment's units as shipped. They stay in reserved (they are not available) until the
   * ERP has booked the sale and on-hand drops with them. Returns the lines it matched.
   */
  async ship(trx: Transaction<InventoryDatabase>, orderId: string, shipmentId: string, lines: readonly UnitsLine[], emit: EmitEvent): Promise<UnitsLine[]> {
    const now = this.clock.now().toISOString();
    const shipped: UnitsLine[] = [];
    for (const line of lines) if (await this.reservations.shipUnits(trx, orderId, line)) shipped.push(line);
    if (shipped.length === 0) return [];
    const after = await this.reservations.find(orderId, trx);
    if (after?.status === 'HELD' && after.lines.every((l) => l.shipped_quantity === l.quantity)) await this.reservations.closeHold(trx, orderId, 'SHIPPED', now);
    emit(reservationShippedEvent({ orderId, shipmentId, lines: shipped.map(units), shippedAt: now }));
    return shipped;
  }

  private async close(trx: Transaction<InventoryDatabase>, orderId: string, to: 'RELEASED' | 'EXPIRED', emit: EmitEvent, options: { reason?: string; expiredBy?: string }): Promise<boolean> {
    const now = this.clock.now().toISOString();
    if (!(await this.reservations.closeHold(trx, orderId, to, now, options))) return false;
    const found = await this.reservations.find(orderId, trx);
    const given: UnitsLine[] = [];
    for (const l of found?.lines ?? []) {
      const line = { sku: l.sku, locationId: l.location_id, quantity: l.quantity - l.shipped_quantity };
      if (line.quantity === 0) continue;
      const after = await this.reservations.releaseUnits(trx, line);
      if (after) emit(stockChanged(line, after, -line.quantity, to === 'EXPIRED' ? 'RESERVATION:EXPIRED' : 'RESERVATION:RELEASED', now));
      given.push(line);
    }
    const lines = given.map(units);
    if (lines.length === 0) return true;
    emit(to === 'EXPIRED' ? reservationExpiredEvent({ orderId, lines, expiredAt: now }) : reservationReleasedEvent({ orderId, reason: options.reason ?? 'RELEASED', lines, releasedAt: now }));
    return true;
  }
}

function units(l: UnitsLine): ReservedUnits {
  return { sku: l.sku, locationId: l.locationId, quantity: l.quantity };
}

function stockChanged(line: UnitsLine, after: PositionAfter, reservedDelta: number, reason: string, now: string) {
  return stockChangedEvent({
    sku: line.sku,
    locationId: line.locationId,
    onHand: after.on_hand,
    reserved: after.reserved,
    available: availableOf(after.on_hand, after.reserved),
    inbound: after.inbound,
    previous: { onHand: after.on_hand, reserved: Math.max(0, after.reserved - reservedDelta), inbound: after.inbound },
    reason,
    asOf: now,
  });
}
