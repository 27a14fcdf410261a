// The queue of stock moves owed to the ERP stock ledger for orders (sales at shipment, returns): what is due, booked, dead.
import type { Kysely, Selectable } from 'kysely';
import type { Executor, FailedItem } from '@retail-hub/platform';
import type { InventoryDatabase, StockBookingTable } from './inventory-tables.js';

export type StockBookingRow = Selectable<StockBookingTable>;

export type NewStockBooking = Pick<StockBookingRow, 'booking_id' | 'kind' | 'order_id' | 'sku' | 'location_id' | 'delta' | 'release_reserved'>;

export class StockBookingRepository {
  constructor(private readonly db: Kysely<InventoryDatabase>) {}

  /** Queues moves; a booking id already queued (an event delivered twice) is left as it is. */
  async enqueue(trx: Executor<InventoryDatabase>, bookings: readonly NewStockBooking[], now: string): Promise<void> {
    if (bookings.length === 0) return;
    await trx
      .insertInto('stock_booking')
      .values(bookings.map((b) => ({ ...b, status: 'PENDING' as const, attempts: 0, next_attempt_at: now, last_error: null, created_at: now, booked_at: null })))
      .onConflict((oc) => oc.column('booking_id').doNothing())
      .execute();
  }

  async due(now: string, limit: number): Promise<StockBookingRow[]> {
    return this.db.selectFrom('stock_booking').selectAll().where('status', '=', 'PENDING').where('next_attempt_at', '<=', now).orderBy('next_attempt_at').orderBy('booking_id').limit(limit).execute();
  }

  async markBooked(trx: Executor<InventoryDatabase>, bookingId: string, attempts: number, now: string): Promise<void> {
    await trx.updateTable('stock_booking').set({ status: 'BOOKED', attempts, booked_at: now, last_error: null }).where('booking_id', '=', bookingId).execute();
  }

  async markFailed(failures: readonly FailedItem<{ id: string }>[]): Promise<void> {
    for (const f of failures) {
      await this.db
        .updateTable('stock_booking')
        .set({ attempts: f.attempts, last_error: f.error.slice(0, 1000), ...(f.retryAt ? { next_attempt_at: f.retryAt.toISOString() } : { status: 'DEAD' as const }) })
        .where('booking_id', '=', f.item.id)
        .execute();
    }
  }

  async forOrder(orderId: string): Promise<StockBookingRow[]> {
    return this.db.selectFrom('stock_booking').selectAll().where('order_id', '=', orderId).orderBy('created_at').orderBy('booking_id').execute();
  }

  /** Puts dead bookings (all, or one order's) back in the queue with fresh attempts; returns how many. */
  async requeueDead(orderId: string | null, now: string): Promise<number> {
    let q = this.db.updateTable('stock_booking').set({ status: 'PENDING', attempts: 0, next_attempt_at: now }).where('status', '=', 'DEAD');
    if (orderId) q = q.where('order_id', '=', orderId);
    return Number((await q.executeTakeFirst()).numUpdatedRows);
  }
}
