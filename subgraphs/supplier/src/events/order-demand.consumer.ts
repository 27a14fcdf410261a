// Records demand from the order lifecycle: confirmed units count as sales at their fulfilment location; cancellations and returns take them back.
import type { EventEnvelope } from '@retail-hub/platform';
import type { Transaction } from 'kysely';
import { dayIndexOf } from '../services/planning/day-index.js';
import type { DemandDayRepository, DemandDayUnits } from '../store/demand-day.repository.js';
import type { SupplierDatabase } from '../store/supplier-tables.js';

export const ORDER_DEMAND_CONSUMER = 'supplier.order-demand';

interface Fulfilment {
  locationId: string;
  lines: { sku: string; quantity: number }[];
}

/**
 * Demand is counted where the units are consumed (the fulfilment location), on the UTC day of the event. A
 * cancellation only takes back what a confirmation counted (an order cancelled while PLACED never was); a
 * return takes units back at the location they are restocked at, on the day they come back.
 */
export function demandOf(event: EventEnvelope): DemandDayUnits[] {
  const data = event.data as Record<string, unknown>;
  const units = (fulfilments: Fulfilment[], at: string, sign: number) =>
    fulfilments.flatMap((f) => f.lines.map((l) => ({ sku: l.sku, locationId: f.locationId, day: dayIndexOf(new Date(at)), units: sign * l.quantity })));
  switch (event.type) {
    case 'orders.order.confirmed.v1':
      return units(data.fulfilments as Fulfilment[], data.confirmedAt as string, 1);
    case 'orders.order.cancelled.v1':
      return data.previousStatus === 'CONFIRMED' ? units(data.fulfilments as Fulfilment[], data.cancelledAt as string, -1) : [];
    case 'orders.order.returned.v1':
      return units([{ locationId: data.restockLocationId as string, lines: data.lines as Fulfilment['lines'] }], data.returnedAt as string, -1);
    default:
      return [];
  }
}

export function orderDemandConsumer(deps: { days: DemandDayRepository }) {
  return {
    name: ORDER_DEMAND_CONSUMER,
    types: ['orders.order.confirmed.v1', 'orders.order.cancelled.v1', 'orders.order.returned.v1'],
    handle: (event: EventEnvelope, trx: Transaction<SupplierDatabase>) => deps.days.add(trx, demandOf(event)),
    handleRun: (events: EventEnvelope[], trx: Transaction<SupplierDatabase>) => deps.days.add(trx, events.flatMap(demandOf)),
  };
}
