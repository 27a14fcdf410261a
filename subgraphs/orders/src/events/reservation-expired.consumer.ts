// Consumes inventory.reservation.expired.v1: an unpaid order whose stock hold lapsed is cancelled.
import type { NewEvent, ServiceEvents } from '@retail-hub/platform';
import type { Kysely } from 'kysely';
import type { OrderLifecycleService } from '../services/lifecycle/order-lifecycle.service.js';
import type { OrdersDatabase } from '../store/order-tables.js';

export const RESERVATION_EXPIRED_CONSUMER = 'orders.reservation-expired';

export function startReservationExpiredConsumer(deps: { events: ServiceEvents; db: Kysely<OrdersDatabase>; lifecycle: OrderLifecycleService }): Promise<void> {
  return deps.events.consume<OrdersDatabase>({
    name: RESERVATION_EXPIRED_CONSUMER,
    types: ['inventory.reservation.expired.v1'],
    db: deps.db,
    handle: async (event, trx) => {
      const emitted: NewEvent[] = [];
      await deps.lifecycle.cancelLapsed((event.data as { orderId: string }).orderId, trx, (e) => void emitted.push(e));
      await deps.events.write(trx, emitted);
    },
  });
}
