// Sends the stock moves orders cause (sales at shipment, returns to stock) to the ERP stock ledger, surviving an ERP outage.
import { RetryingDispatcher, type Clock, type ErpDeliverySettings, type Logger, type ServiceEvents } from '@retail-hub/platform';
import { ErpRejectedError, type StockLedgerPort, type StockPosition } from '@retail-hub/erp';
import type { Kysely } from 'kysely';
import { stockChangedEvent } from '../events/stock-changed.event.js';
import { availableOf, laterOf } from '../services/inventory-model.js';
import type { InventoryDatabase } from '../store/inventory-tables.js';
import type { ReservationRepository } from '../store/reservation.repository.js';
import type { StockBookingRepository, StockBookingRow } from '../store/stock-booking.repository.js';
import { toErpPositionRow, type StockPositionRepository } from '../store/stock-position.repository.js';

export interface StockBookingDispatcherDeps {
  db: Kysely<InventoryDatabase>;
  events: ServiceEvents;
  ledger: StockLedgerPort;
  bookings: StockBookingRepository;
  positions: StockPositionRepository;
  reservations: ReservationRepository;
  clock: Clock;
  logger: Logger;
  settings?: ErpDeliverySettings;
}

type BookingItem = StockBookingRow & { id: string };

export function createStockBookingDispatcher(deps: StockBookingDispatcherDeps): RetryingDispatcher<BookingItem, StockPosition> {
  const { settings } = deps;
  return new RetryingDispatcher<BookingItem, StockPosition>({
    name: 'erp-stock-bookings',
    clock: deps.clock,
    logger: deps.logger,
    maxAttempts: settings?.maxAttempts,
    ratePerSecond: settings?.ratePerSecond,
    pollIntervalMs: settings?.pollIntervalMs,
    breaker: { failureThreshold: settings?.breakerThreshold, openMs: settings?.breakerOpenMs, maxOpenMs: settings?.breakerMaxOpenMs },
    queue: {
      due: async (now, limit) => (await deps.bookings.due(now.toISOString(), limit)).map((row) => ({ ...row, id: row.booking_id })),
      delivered: (items, positions, now) => applyBooked(deps, items, positions, now.toISOString()),
      failed: async (failures) => {
        for (const f of failures.filter((f) => !f.retryAt)) deps.logger.error({ bookingId: f.item.id, error: f.error, attempts: f.attempts }, 'ERP stock booking dead-lettered; its reserved units stay held');
        await deps.bookings.markFailed(failures);
      },
    },
    send: (items) =>
      deps.ledger.postAdjustments(
        items.map((b) => ({ adjustmentId: b.booking_id, sku: b.sku, locationId: b.location_id, delta: b.delta, reason: b.kind, note: `order ${b.order_id}` })),
      ),
    // Any call answers once the ERP is back; one with no keys costs it nothing.
    probe: () => deps.ledger.getPositions([]),
    classify: (error) => {
      const index = error instanceof ErpRejectedError ? /^adjustments\.(\d+)\./.exec(error.field ?? '')?.[1] : undefined;
      return index === undefined ? { kind: 'transient' } : { kind: 'rejected', index: Number(index), message: (error as Error).message };
    },
  });
}

/**
 * The ERP has booked the moves: its positions replace the hub's (when newer), a sale's units leave
 * reserved in the same transaction, so on-hand and reserved drop together and available never jumps.
 */
async function applyBooked(deps: StockBookingDispatcherDeps, items: BookingItem[], positions: StockPosition[], now: string): Promise<void> {
  await deps.events.transaction(deps.db, async (trx, emit) => {
    for (const [i, booking] of items.entries()) {
      const position = positions[i]!;
      const before = await deps.positions.find(position, trx);
      if (!before || before.erp_version < position.version) await deps.positions.upsertFromErp(trx, [toErpPositionRow(position)]);
      if (booking.release_reserved > 0) await deps.reservations.releaseUnits(trx, { sku: booking.sku, locationId: booking.location_id, quantity: booking.release_reserved });
      const after = (await deps.positions.find(position, trx))!;
      emit(
        stockChangedEvent({
          sku: after.sku,
          locationId: after.location_id,
          onHand: after.on_hand,
          reserved: after.reserved,
          available: availableOf(after.on_hand, after.reserved),
          inbound: after.inbound,
          previous: { onHand: before?.on_hand ?? 0, reserved: before?.reserved ?? 0, inbound: before?.inbound ?? 0 },
          reason: booking.kind === 'SALE' ? 'ORDER:SHIPPED' : 'ORDER:RETURNED',
          asOf: laterOf(position.updatedAt, now),
        }),
      );
      await deps.bookings.markBooked(trx, booking.booking_id, booking.attempts + 1, now);
    }
  });
}
