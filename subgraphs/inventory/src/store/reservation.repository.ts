// Reads and writes reservations and the reserved units they hold: every change to reserved is one conditional UPDATE.
import { sql, type Kysely, type Selectable } from 'kysely';
import { PreparedInsert, PreparedQuery, type Executor } from '@retail-hub/platform';
import type { InventoryDatabase, ReservationLineTable, ReservationStatus, ReservationTable } from './inventory-tables.js';

export type ReservationRow = Selectable<ReservationTable>;
export type ReservationLineRow = Selectable<ReservationLineTable>;

export interface ReservationRecord extends ReservationRow {
  lines: ReservationLineRow[];
}

export interface UnitsLine {
  sku: string;
  locationId: string;
  quantity: number;
}

/** A position's numbers right after a change to its reserved units. */
export interface PositionAfter {
  on_hand: number;
  reserved: number;
  inbound: number;
}

// Every placement creates a hold and its lines: compiled once per line count (see PreparedInsert).
const INSERT_HOLD = new PreparedInsert<InventoryDatabase, 'reservation'>('reservation', (insert) => insert.onConflict((oc) => oc.column('order_id').doNothing()));
const INSERT_LINES = new PreparedInsert<InventoryDatabase, 'reservation_line'>('reservation_line');

/**
 * Takes units if enough are free, in one statement (no read-then-write race). Every line of every order runs it,
 * so it is prepared once (see PreparedQuery).
 */
const HOLD_UNITS = new PreparedQuery((db: Kysely<InventoryDatabase>, line: UnitsLine) =>
  db
    .updateTable('stock_position')
    .set((eb) => ({ reserved: eb('reserved', '+', line.quantity) }))
    .where('sku', '=', line.sku)
    .where('location_id', '=', line.locationId)
    .where(sql<number>`on_hand - reserved`, '>=', line.quantity)
    .returning(['on_hand', 'reserved', 'inbound']),
);

export class ReservationRepository {
  constructor(private readonly db: Kysely<InventoryDatabase>) {}

  async find(orderId: string, trx: Executor<InventoryDatabase> = this.db): Promise<ReservationRecord | undefined> {
    const [found] = await this.findMany([orderId], trx);
    return found;
  }

  async findMany(orderIds: readonly string[], trx: Executor<InventoryDatabase> = this.db): Promise<ReservationRecord[]> {
    if (orderIds.length === 0) return [];
    const rows = await trx.selectFrom('reservation').selectAll().where('order_id', 'in', [...orderIds]).execute();
    const lines = await trx.selectFrom('reservation_line').selectAll().where('order_id', 'in', [...orderIds]).orderBy('order_id').orderBy('sku').orderBy('location_id').execute();
    return rows.map((r) => ({ ...r, lines: lines.filter((l) => l.order_id === r.order_id) }));
  }

  /** Creates the hold row; false when the order already has one (a retry), which is then left as it is. */
  async insertHold(trx: Executor<InventoryDatabase>, orderId: string, expiresAt: string | null, now: string): Promise<boolean> {
    return (await INSERT_HOLD.inserted(trx, [{ order_id: orderId, status: 'HELD', expires_at: expiresAt, release_reason: null, created_at: now, updated_at: now }])) === 1;
  }

  /**
   * Records that an order's hold is released before any hold of it is seen: a hold call that outlived its caller
   * (who timed out and released) then finds this row and takes nothing. False when the order has a row already;
   * on PostgreSQL that includes a hold another transaction is still writing, which this waits for.
   */
  async insertReleased(trx: Executor<InventoryDatabase>, orderId: string, reason: string, now: string): Promise<boolean> {
    return (await INSERT_HOLD.inserted(trx, [{ order_id: orderId, status: 'RELEASED', expires_at: null, release_reason: reason, created_at: now, updated_at: now }])) === 1;
  }

  async insertLines(trx: Executor<InventoryDatabase>, orderId: string, lines: readonly UnitsLine[]): Promise<void> {
    await INSERT_LINES.run(
      trx,
      lines.map((l) => ({ order_id: orderId, sku: l.sku, location_id: l.locationId, quantity: l.quantity, shipped_quantity: 0 })),
    );
  }

  /**
   * Adds to reserved only where that leaves reserved <= on_hand, in the UPDATE's own WHERE: the
   * check and the write are one statement, so concurrent holds cannot both take the last units
   * (PostgreSQL re-checks the condition on the row another transaction just committed). Returns
   * the numbers after, or undefined when too few were available (or there is no position).
   */
  async holdUnits(trx: Executor<InventoryDatabase>, line: UnitsLine): Promise<PositionAfter | undefined> {
    return HOLD_UNITS.first(trx, line);
  }

  /** Gives units back; never takes reserved below zero. */
  async releaseUnits(trx: Executor<InventoryDatabase>, line: UnitsLine): Promise<PositionAfter | undefined> {
    return trx
      .updateTable('stock_position')
      .set({ reserved: sql<number>`case when reserved >= ${line.quantity} then reserved - ${line.quantity} else 0 end` })
      .where('sku', '=', line.sku)
      .where('location_id', '=', line.locationId)
      .returning(['on_hand', 'reserved', 'inbound'])
      .executeTakeFirst();
  }

  /** Moves a HELD reservation to another status; false when it was not HELD (already released, expired, shipped). */
  async closeHold(trx: Executor<InventoryDatabase>, orderId: string, to: Exclude<ReservationStatus, 'HELD'>, now: string, options: { reason?: string; expiredBy?: string } = {}): Promise<boolean> {
    let q = trx
      .updateTable('reservation')
      .set({ status: to, updated_at: now, ...(options.reason ? { release_reason: options.reason } : {}) })
      .where('order_id', '=', orderId)
      .where('status', '=', 'HELD');
    // The sweeper only expires a hold whose time is up (a commit may have cleared it since it looked).
    if (options.expiredBy) q = q.where('expires_at', 'is not', null).where('expires_at', '<=', options.expiredBy);
    const updated = await q.executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  /** Makes a HELD reservation firm; false when it is not HELD. */
  async clearExpiry(trx: Executor<InventoryDatabase>, orderId: string, now: string): Promise<boolean> {
    const updated = await trx.updateTable('reservation').set({ expires_at: null, updated_at: now }).where('order_id', '=', orderId).where('status', '=', 'HELD').executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  /** Counts units as shipped where the line still has that many unshipped; false otherwise. */
  async shipUnits(trx: Executor<InventoryDatabase>, orderId: string, line: UnitsLine): Promise<boolean> {
    const updated = await trx
      .updateTable('reservation_line')
      .set((eb) => ({ shipped_quantity: eb('shipped_quantity', '+', line.quantity) }))
      .where('order_id', '=', orderId)
      .where('sku', '=', line.sku)
      .where('location_id', '=', line.locationId)
      .where(sql<number>`quantity - shipped_quantity`, '>=', line.quantity)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  /** Holds whose time is up, oldest first. */
  async expiring(now: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('reservation')
      .select('order_id')
      .where('status', '=', 'HELD')
      .where('expires_at', 'is not', null)
      .where('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.order_id);
  }
}
