// Writes a placed order in one transaction: the order at its charged price, fulfilments, timeline, events, its ERP posting, the idempotency outcome.
import { orderConfirmedEvent } from '../../events/order-confirmed.event.js';
import { orderPlacedEvent } from '../../events/order-placed.event.js';
import type { FulfilmentPart } from '../../events/order-event-parts.js';
import type { IdempotencyKeyRepository } from '../../store/idempotency-key.repository.js';
import type { NewFulfilment } from '../../store/order-fulfilment.repository.js';
import type { PlacementState } from '../../workflows/place-order/placement-state.js';
import type { TransitionDeps } from '../lifecycle/order-transitions.js';
import { salesDocumentPosting } from '../erp-postings.js';
import { toOrder, type Order } from '../order-model.js';
import { paidAtPlacement } from './place-order-input.js';

/** What every order change writes with (TransitionDeps), plus the idempotency keys placement records. */
export interface PlacedOrderWriterDeps extends TransitionDeps {
  keys: IdempotencyKeyRepository;
}

export class PlacedOrderWriter {
  constructor(private readonly deps: PlacedOrderWriterDeps) {}

  /**
   * Writes the order; returns it as written, or null when a resumed saga (running this step again)
   * finds it written already. Only a resumed saga looks first: a live one cannot have written it.
   */
  async write(state: PlacementState, resumed: boolean): Promise<Order | null> {
    const { orders, fulfilments, timeline, postings, keys } = this.deps;
    const priced = state.priced!;
    const paid = paidAtPlacement(state.input.payment.method);
    const now = this.deps.clock.now().toISOString();
    const lines = priced.lines;
    const subtotal = lines.reduce((sum, l) => sum + l.regularUnitPriceCentAmount * l.quantity, 0);
    const parts = fulfilmentParts(state);
    const wrote = await this.deps.events.transaction(this.deps.db, async (trx, emit) => {
      if (resumed && (await orders.find(state.orderId, trx))) return null;
      const record = {
          order: {
            id: state.orderId,
            idempotency_key: null,
            status: paid ? 'CONFIRMED' : 'PLACED',
            payment_status: paid ? 'AUTHORIZED' : 'PENDING',
            channel: state.input.channel,
            location_id: state.input.locationId,
            customer_ref: state.input.customerRef,
            currency: priced.currency,
            subtotal_cent_amount: subtotal,
            discount_cent_amount: subtotal - priced.totalCentAmount,
            total_cent_amount: priced.totalCentAmount,
            placed_at: state.placedAt,
            updated_at: now,
            payment_method: state.input.payment.method,
            payment_ref: state.input.payment.authorizationRef,
            ship_to_region: state.input.channel === 'STORE' ? null : state.region!,
          },
          lines: lines.map((l) => ({
            sku: l.sku,
            quantity: l.quantity,
            unit_price_cent_amount: l.unitPriceCentAmount,
            regular_unit_price_cent_amount: l.regularUnitPriceCentAmount,
            // Promotions show as the unit price below regular and as cart adjustments; the line's discount is both.
            discount_cent_amount: l.regularUnitPriceCentAmount * l.quantity - l.lineTotalCentAmount,
            line_total_cent_amount: l.lineTotalCentAmount,
          })),
        };
      await orders.insert(record, trx);
      await fulfilments.insert(trx, state.orderId, parts.map((p): NewFulfilment => ({ locationId: p.locationId, lines: p.lines })));
      const placed = { at: state.placedAt, from_status: null, to_status: 'PLACED', payment_status: paid ? 'AUTHORIZED' : 'PENDING', actor: state.actor, note: null };
      const confirmed = { at: now, from_status: 'PLACED', to_status: 'CONFIRMED', payment_status: 'AUTHORIZED', actor: state.actor, note: 'payment authorized at placement' };
      await timeline.append(trx, state.orderId, paid ? [placed, confirmed] : [placed], 1);
      const eventParts: FulfilmentPart[] = parts.map((p, i) => ({ fulfilmentId: `${state.orderId}-F${i + 1}`, locationId: p.locationId, lines: p.lines }));
      emit(
        orderPlacedEvent({
          orderId: state.orderId,
          channel: state.input.channel,
          locationId: state.input.locationId,
          customerRef: state.input.customerRef,
          status: 'PLACED',
          paymentStatus: paid ? 'AUTHORIZED' : 'PENDING',
          currency: priced.currency,
          totalCentAmount: priced.totalCentAmount,
          lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPriceCentAmount: l.unitPriceCentAmount, lineTotalCentAmount: l.lineTotalCentAmount })),
          fulfilments: eventParts,
          placedAt: state.placedAt,
        }),
      );
      if (paid) {
        emit(orderConfirmedEvent({ orderId: state.orderId, channel: state.input.channel, locationId: state.input.locationId, currency: priced.currency, totalCentAmount: priced.totalCentAmount, fulfilments: eventParts, confirmedAt: now }));
        const order = { id: state.orderId, channel: state.input.channel, locationId: state.input.locationId, currency: priced.currency };
        await postings.enqueue(trx, [salesDocumentPosting(order, lines, now)], now);
      }
      await keys.complete(state.key, state.orderId, { orderId: state.orderId }, now, trx);
      return toOrder({ ...record.order, idempotency_key: null, placed_at: new Date(state.placedAt).toISOString(), version: 0, payment_method: record.order.payment_method, payment_ref: record.order.payment_ref, ship_to_region: record.order.ship_to_region });
    });
    if (wrote && paid) this.deps.onPostingsQueued();
    return wrote;
  }
}

/** What ships from where: the held lines grouped by location, in routing's preference order. */
function fulfilmentParts(state: PlacementState): { locationId: string; lines: { sku: string; quantity: number }[] }[] {
  const order = (state.allocations ?? []).map((a) => a.locationId);
  const byLocation = new Map<string, { sku: string; quantity: number }[]>();
  for (const line of state.held ?? []) byLocation.set(line.locationId, [...(byLocation.get(line.locationId) ?? []), { sku: line.sku, quantity: line.quantity }]);
  const rank = (id: string) => (order.indexOf(id) < 0 ? order.length : order.indexOf(id));
  return [...byLocation].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1)).map(([locationId, lines]) => ({ locationId, lines: sortBySkuOrder(lines, state) }));
}

function sortBySkuOrder(lines: { sku: string; quantity: number }[], state: PlacementState) {
  const pos = (sku: string) => state.input.lines.findIndex((l) => l.sku === sku);
  return lines.sort((a, b) => pos(a.sku) - pos(b.sku));
}
