// Applies one lifecycle change to an order in one transaction, on the version it read, with its timeline entry, events and postings.
import { hubError, notFound, supplierPartnerId, forbidden, hasScope, type Claims, type Clock, type NewEvent, type ServiceEvents } from '@retail-hub/platform';
import type { Kysely, Transaction } from 'kysely';
import type { ErpPostingRepository } from '../../store/erp-posting.repository.js';
import type { FulfilmentRecord, OrderFulfilmentRepository } from '../../store/order-fulfilment.repository.js';
import type { OrderTimelineRepository } from '../../store/order-timeline.repository.js';
import type { OrdersDatabase } from '../../store/order-tables.js';
import type { OrderChange, OrderLineRow, OrderRepository, OrderRow } from '../../store/order.repository.js';
import type { QueuedPosting } from '../erp-postings.js';
import type { FulfilmentPart } from '../../events/order-event-parts.js';

export interface TransitionDeps {
  db: Kysely<OrdersDatabase>;
  events: ServiceEvents;
  orders: OrderRepository;
  fulfilments: OrderFulfilmentRepository;
  timeline: OrderTimelineRepository;
  postings: ErpPostingRepository;
  clock: Clock;
  onPostingsQueued: () => void;
}

/** What a change sees: the order as read (with its lines and fulfilments) and where to write. */
export interface TransitionScope {
  order: OrderRow;
  lines: OrderLineRow[];
  fulfilments: FulfilmentRecord[];
  trx: Transaction<OrdersDatabase>;
  now: string;
}

/** What a change does to the order: its new status and payment status, a timeline note, events and postings. */
export interface TransitionPlan {
  change: Omit<OrderChange, 'updated_at'>;
  note: string | null;
  events: NewEvent[];
  postings?: QueuedPosting[];
}

/** Another transition of the same order committed between our read and our write: read again and retry. */
class VersionMoved extends Error {}

export class OrderTransitions {
  constructor(private readonly deps: TransitionDeps) {}

  /**
   * Reads the order, lets `decide` check the move (its errors write nothing) and write its own
   * rows, then applies the plan on the version read. Runs inside `outer` when given (a consumer's
   * transaction), else in a transaction of its own; retries a few times when the order moved on.
   */
  async apply(orderId: string, actor: string, decide: (scope: TransitionScope) => Promise<TransitionPlan>, outer?: { trx: Transaction<OrdersDatabase>; emit: (e: NewEvent) => void }): Promise<OrderRow> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (outer) return await this.once(orderId, actor, decide, outer.trx, outer.emit);
        let queued = false;
        const row = await this.deps.events.transaction(this.deps.db, (trx, emit) => this.once(orderId, actor, decide, trx, emit, () => (queued = true)));
        if (queued) this.deps.onPostingsQueued();
        return row;
      } catch (error) {
        if (!(error instanceof VersionMoved)) throw error;
        if (outer || attempt >= 3) throw hubError('CONFLICT', `id: order ${orderId} is being changed by another request; try again`, { field: 'id' });
      }
    }
  }

  /** The order as it is now; NOT_FOUND naming `id` when there is none. */
  async read(orderId: string): Promise<OrderRow> {
    const order = await this.deps.orders.find(orderId);
    if (!order) throw notFound('id', `id: no order ${orderId}`);
    return order;
  }

  private async once(orderId: string, actor: string, decide: (scope: TransitionScope) => Promise<TransitionPlan>, trx: Transaction<OrdersDatabase>, emit: (e: NewEvent) => void, onQueued?: () => void): Promise<OrderRow> {
    const order = await this.deps.orders.find(orderId, trx);
    if (!order) throw notFound('id', `id: no order ${orderId}`);
    const now = this.deps.clock.now().toISOString();
    const scope: TransitionScope = { order, lines: await this.deps.orders.linesFor(orderId, trx), fulfilments: await this.deps.fulfilments.forOrders([orderId], trx), trx, now };
    const plan = await decide(scope);
    if (!(await this.deps.orders.updateIfVersion(trx, orderId, order.version, { ...plan.change, updated_at: now }))) throw new VersionMoved();
    await this.deps.timeline.append(trx, orderId, [{ at: now, from_status: order.status, to_status: plan.change.status ?? order.status, payment_status: plan.change.payment_status ?? order.payment_status, actor, note: plan.note }]);
    for (const e of plan.events) emit(e);
    if (plan.postings?.length) {
      await this.deps.postings.enqueue(trx, plan.postings, now);
      onQueued?.();
    }
    return (await this.deps.orders.find(orderId, trx))!;
  }
}

/** Lifecycle changes need the orders:write scope; a partner (supplier) key never touches customers' orders. */
export function assertMayChange(claims: Claims, action: string): void {
  if (supplierPartnerId(claims)) throw forbidden('Partner keys may not change orders');
  if (!hasScope(claims, 'orders:write')) throw forbidden(`${action} needs the orders:write scope`);
}

/** A fulfilment's public id: the order id and its number. */
export function fulfilmentId(orderId: string, no: number): string {
  return `${orderId}-F${no}`;
}

export function toFulfilmentParts(fulfilments: readonly FulfilmentRecord[]): FulfilmentPart[] {
  return fulfilments.map((f) => ({ fulfilmentId: fulfilmentId(f.order_id, f.fulfilment_no), locationId: f.location_id, lines: f.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) }));
}

/** Checks an optional free-text argument: 1 to `max` characters when given. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  const text = value.trim();
  if (text === '' || text.length > max) throw hubError('BAD_USER_INPUT', `${field}: must be 1 to ${max} characters`, { field });
  return text;
}
