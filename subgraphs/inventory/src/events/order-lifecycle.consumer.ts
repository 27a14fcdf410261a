// Consumes orders.order.cancelled|shipped|returned.v1: releases a cancelled order's hold, queues the ERP stock moves of shipments and returns.
import type { Clock, EventEnvelope, NewEvent, ServiceEvents } from '@retail-hub/platform';
import type { Kysely, Transaction } from 'kysely';
import type { ReservationLedger } from '../services/reservation-ledger.js';
import type { InventoryDatabase } from '../store/inventory-tables.js';
import type { StockBookingRepository } from '../store/stock-booking.repository.js';

export const ORDER_LIFECYCLE_CONSUMER = 'inventory.order-lifecycle';

interface SkuQuantity {
  sku: string;
  quantity: number;
}

/** The parts of the orders events this consumer reads (their schemas are in platform/src/events/schemas). */
interface OrderCancelled {
  orderId: string;
}
interface OrderShipped {
  orderId: string;
  shipment: { fulfilmentId: string; locationId: string; lines: SkuQuantity[] };
}
interface OrderReturned {
  orderId: string;
  returnId: string;
  restockLocationId: string;
  lines: SkuQuantity[];
}

export interface OrderLifecycleConsumerDeps {
  events: ServiceEvents;
  ledger: ReservationLedger;
  bookings: StockBookingRepository;
  clock: Clock;
  /** Called once the consumer queued ERP moves (the dispatcher then looks sooner than its poll). */
  onBookingsQueued: () => void;
}

export function orderLifecycleHandler(deps: OrderLifecycleConsumerDeps) {
  return async (event: EventEnvelope, trx: Transaction<InventoryDatabase>): Promise<void> => {
    const emitted: NewEvent[] = [];
    const emit = (e: NewEvent) => void emitted.push(e);
    const now = deps.clock.now().toISOString();
    if (event.type === 'orders.order.cancelled.v1') {
      await deps.ledger.release(trx, (event.data as OrderCancelled).orderId, 'ORDER_CANCELLED', emit);
    } else if (event.type === 'orders.order.shipped.v1') {
      const { orderId, shipment } = event.data as OrderShipped;
      const lines = shipment.lines.map((l) => ({ sku: l.sku, locationId: shipment.locationId, quantity: l.quantity }));
      // Units the order had reserved leave reserved when the ERP books the sale; an order without a hold still sells.
      const matched = new Set((await deps.ledger.ship(trx, orderId, shipment.fulfilmentId, lines, emit)).map((l) => l.sku));
      await deps.bookings.enqueue(
        trx,
        lines.map((l) => ({ booking_id: `SALE:${shipment.fulfilmentId}:${l.sku}`, kind: 'SALE', order_id: orderId, sku: l.sku, location_id: l.locationId, delta: -l.quantity, release_reserved: matched.has(l.sku) ? l.quantity : 0 })),
        now,
      );
      deps.onBookingsQueued();
    } else if (event.type === 'orders.order.returned.v1') {
      const { orderId, returnId, restockLocationId, lines } = event.data as OrderReturned;
      await deps.bookings.enqueue(
        trx,
        lines.map((l) => ({ booking_id: `RETURN:${returnId}:${l.sku}`, kind: 'RETURN', order_id: orderId, sku: l.sku, location_id: restockLocationId, delta: l.quantity, release_reserved: 0 })),
        now,
      );
      deps.onBookingsQueued();
    }
    await deps.events.write(trx, emitted);
  };
}

export function startOrderLifecycleConsumer(deps: OrderLifecycleConsumerDeps & { db: Kysely<InventoryDatabase> }): Promise<void> {
  return deps.events.consume<InventoryDatabase>({
    name: ORDER_LIFECYCLE_CONSUMER,
    types: ['orders.order.cancelled.v1', 'orders.order.shipped.v1', 'orders.order.returned.v1'],
    db: deps.db,
    handle: orderLifecycleHandler(deps),
  });
}
