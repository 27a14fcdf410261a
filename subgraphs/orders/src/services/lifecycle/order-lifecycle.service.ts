// The order lifecycle after placement: cancel, ship (one fulfilment at a time), deliver, and the payment's outcome.
import { badUserInput, type Claims, type NewEvent } from '@retail-hub/platform';
import type { Transaction } from 'kysely';
import { orderCancelledEvent } from '../../events/order-cancelled.event.js';
import { orderConfirmedEvent } from '../../events/order-confirmed.event.js';
import { orderDeliveredEvent } from '../../events/order-delivered.event.js';
import { orderShippedEvent } from '../../events/order-shipped.event.js';
import type { ReservationsClient } from '../../graph/reservations.client.js';
import type { OrderFulfilmentRepository } from '../../store/order-fulfilment.repository.js';
import type { OrdersDatabase } from '../../store/order-tables.js';
import type { OrderRow } from '../../store/order.repository.js';
import { invoicePosting, salesDocumentPosting } from '../erp-postings.js';
import { toOrder, type Order } from '../order-model.js';
import { assertTransition, invalidTransition } from '../order-state-machine.js';
import { assertMayChange, fulfilmentId, optionalText, toFulfilmentParts, type OrderTransitions, type TransitionScope } from './order-transitions.js';

export interface ShipOrderInput {
  fulfilmentId?: string | null;
  carrier: string;
  trackingNumber: string;
}

export interface PaymentResultInput {
  status: 'AUTHORIZED' | 'FAILED';
  authorizationRef?: string | null;
  reason?: string | null;
}

export interface OrderResult {
  order: Order | null;
  errors: { code: string; message: string; field: string | null }[];
}

export class OrderLifecycleService {
  constructor(
    private readonly transitions: OrderTransitions,
    private readonly fulfilments: OrderFulfilmentRepository,
    private readonly reservations: ReservationsClient,
  ) {}

  /** Cancels an order that has not shipped: its hold is released (inventory consumes the event), its payment voided. */
  async cancel(claims: Claims, id: string, reason: string | null | undefined): Promise<OrderResult> {
    assertMayChange(claims, 'cancelOrder');
    const why = optionalText(reason, 'reason', 200) ?? 'CUSTOMER_REQUEST';
    return done(await this.transitions.apply(id, claims.sub, (scope) => Promise.resolve(cancellation(scope, why, 'VOIDED', 'cancel'))));
  }

  /** Ships one fulfilment with its carrier and tracking number; the order is SHIPPED (payment captured) once all have. */
  async ship(claims: Claims, id: string, input: ShipOrderInput): Promise<OrderResult> {
    assertMayChange(claims, 'shipOrder');
    const carrier = optionalText(input.carrier, 'input.carrier', 50)!;
    const tracking = optionalText(input.trackingNumber, 'input.trackingNumber', 100)!;
    const row = await this.transitions.apply(id, claims.sub, async ({ order, lines, fulfilments, trx, now }) => {
      assertTransition(order, 'ship');
      const pending = fulfilments.filter((f) => f.status === 'PENDING');
      const target = pickFulfilment(order, fulfilments, pending, input.fulfilmentId);
      const last = pending.length === 1;
      await this.fulfilments.setStatus(trx, order.id, [target.fulfilment_no], 'SHIPPED', { carrier, tracking_number: tracking, shipped_at: now });
      const unitsBefore = (sku: string) => fulfilments.filter((f) => f.fulfilment_no < target.fulfilment_no).flatMap((f) => f.lines).filter((l) => l.sku === sku).reduce((n, l) => n + l.quantity, 0);
      const orderLines = lines.map((l) => ({ sku: l.sku, quantity: l.quantity, lineTotalCentAmount: l.line_total_cent_amount }));
      const part = toFulfilmentParts([target])[0]!;
      return {
        change: last ? { status: 'SHIPPED', payment_status: 'CAPTURED' } : {},
        note: `${part.fulfilmentId} shipped from ${target.location_id} with ${carrier} ${tracking}${last ? '; payment captured' : ''}`,
        events: [orderShippedEvent({ orderId: order.id, status: last ? 'SHIPPED' : order.status, shipment: { ...part, carrier, trackingNumber: tracking }, shippedAt: now })],
        postings: [invoicePosting(postingOrder(order), { no: target.fulfilment_no, locationId: target.location_id, lines: part.lines }, orderLines, unitsBefore, now)],
      };
    });
    return done(row);
  }

  async markDelivered(claims: Claims, id: string): Promise<OrderResult> {
    assertMayChange(claims, 'markDelivered');
    const row = await this.transitions.apply(id, claims.sub, async ({ order, fulfilments, trx, now }) => {
      assertTransition(order, 'deliver');
      await this.fulfilments.setStatus(trx, order.id, fulfilments.map((f) => f.fulfilment_no), 'DELIVERED', { delivered_at: now });
      return { change: { status: 'DELIVERED' }, note: null, events: [orderDeliveredEvent({ orderId: order.id, deliveredAt: now })] };
    });
    return done(row);
  }

  /**
   * The payment provider's word on an order. AUTHORIZED confirms an unpaid order, once inventory has
   * made its hold firm (a hold that lapsed first cancels the order instead). FAILED cancels it.
   */
  async recordPaymentResult(claims: Claims, id: string, input: PaymentResultInput): Promise<OrderResult> {
    assertMayChange(claims, 'recordPaymentResult');
    if (input.status === 'FAILED') {
      const why = optionalText(input.reason, 'input.reason', 200) ?? 'PAYMENT_FAILED';
      return done(await this.transitions.apply(id, claims.sub, (scope) => Promise.resolve(cancellation(scope, why, 'FAILED', 'fail payment'))));
    }
    const ref = optionalText(input.authorizationRef, 'input.authorizationRef', 200);
    if (!ref) throw badUserInput('input.authorizationRef', 'is required with AUTHORIZED: the payment provider\'s authorization of the amount');
    // Checked before inventory is asked, and again when the order is written.
    const payable = (order: OrderRow) => {
      assertTransition(order, 'confirm');
      if (order.payment_status !== 'PENDING') throw invalidTransition(order, 'confirm', `its payment is already ${order.payment_status}`);
    };
    payable(await this.transitions.read(id));
    const commit = await this.reservations.commit(id);
    if (commit.errors.length > 0) {
      const row = await this.transitions.apply(id, 'service:inventory', (scope) => Promise.resolve(cancellation(scope, 'RESERVATION_EXPIRED', 'VOIDED', 'cancel')));
      return { order: toOrder(row), errors: [{ code: 'RESERVATION_EXPIRED', field: 'id', message: `The stock held for ${id} lapsed before the payment arrived; the order was cancelled and nothing will be taken.` }] };
    }
    const row = await this.transitions.apply(id, claims.sub, async ({ order, lines, fulfilments, now }) => {
      payable(order);
      return {
        change: { status: 'CONFIRMED', payment_status: 'AUTHORIZED', payment_ref: ref },
        note: null,
        events: [orderConfirmedEvent({ orderId: order.id, channel: order.channel, locationId: order.location_id, currency: order.currency, totalCentAmount: order.total_cent_amount, fulfilments: toFulfilmentParts(fulfilments), confirmedAt: now })],
        postings: [salesDocumentPosting(postingOrder(order), lines.map((l) => ({ sku: l.sku, quantity: l.quantity, lineTotalCentAmount: l.line_total_cent_amount })), now)],
      };
    });
    return done(row);
  }

  /** An unpaid order whose hold lapsed is cancelled (inventory.reservation.expired.v1), inside the consumer's transaction. */
  async cancelLapsed(orderId: string, trx: Transaction<OrdersDatabase>, emit: (e: NewEvent) => void): Promise<void> {
    const order = await trx.selectFrom('orders').select(['status', 'payment_status']).where('id', '=', orderId).executeTakeFirst();
    if (order?.status !== 'PLACED' || order.payment_status !== 'PENDING') return;
    await this.transitions.apply(orderId, 'service:inventory', (scope) => Promise.resolve(cancellation(scope, 'RESERVATION_EXPIRED', 'VOIDED', 'cancel')), { trx, emit });
  }
}

/** A cancellation plan: allowed before anything shipped; the event makes inventory release the hold. */
function cancellation({ order, fulfilments, now }: TransitionScope, reason: string, payment: 'VOIDED' | 'FAILED', action: 'cancel' | 'fail payment') {
  assertTransition(order, action);
  if (fulfilments.some((f) => f.status !== 'PENDING')) throw invalidTransition(order, action, 'part of it has already shipped');
  return {
    change: { status: 'CANCELLED', payment_status: payment },
    note: reason,
    events: [orderCancelledEvent({ orderId: order.id, previousStatus: order.status, reason, paymentStatus: payment, fulfilments: toFulfilmentParts(fulfilments), cancelledAt: now })],
  };
}

function pickFulfilment(order: OrderRow, all: TransitionScope['fulfilments'], pending: TransitionScope['fulfilments'], requested: string | null | undefined) {
  if (requested) {
    const found = all.find((f) => fulfilmentId(order.id, f.fulfilment_no) === requested);
    if (!found) throw badUserInput('input.fulfilmentId', `order ${order.id} has no fulfilment ${requested}`);
    if (found.status !== 'PENDING') throw invalidTransition({ id: order.id, status: order.status }, 'ship', `fulfilment ${requested} is already ${found.status}`, 'input.fulfilmentId');
    return found;
  }
  if (pending.length === 1) return pending[0]!;
  throw badUserInput('input.fulfilmentId', `order ${order.id} ships from ${pending.length} locations (${pending.map((f) => fulfilmentId(order.id, f.fulfilment_no)).join(', ')}); name the fulfilment to ship`);
}

function postingOrder(order: OrderRow) {
  return { id: order.id, channel: order.channel, locationId: order.location_id, currency: order.currency };
}

function done(row: OrderRow): OrderResult {
  return { order: toOrder(row), errors: [] };
}
