// The read side of orders: lookups through the request's loaders, newest-first filtered pages, who may read them.
import { badUserInput, decodeCursor, forbidden, notFound, pageSize, supplierPartnerId, toConnection, type Claims, type Connection } from '@retail-hub/platform';
import type DataLoader from 'dataloader';
import type { OrderQuery, OrderRepository } from '../store/order.repository.js';
import { toOrder, toOrderLine, type Order, type OrderLine } from './order-model.js';

export interface OrderFilterInput {
  status?: string | null;
  channel?: string | null;
  locationId?: string | null;
  placedAfter?: string | null;
  placedBefore?: string | null;
  customerRef?: string | null;
}

/** What the service needs of a request: who calls, and the request's loaders. */
export interface OrderRequest {
  claims: Claims;
  loaders: {
    orderById: DataLoader<string, Order | null>;
    linesByOrderId: DataLoader<string, OrderLine[]>;
  };
}

export class OrderQueryService {
  constructor(private readonly orders: OrderRepository) {}

  /** Batch lookup in key order (a DataLoader batch function). */
  async ordersById(ids: readonly string[]): Promise<(Order | null)[]> {
    const byId = new Map((await this.orders.findByIds(ids)).map((r) => [r.id, toOrder(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Batch lookup in key order; an order without lines (or no such order) gets []. */
  async linesByOrderId(orderIds: readonly string[]): Promise<OrderLine[][]> {
    const byOrder = new Map<string, OrderLine[]>();
    for (const row of await this.orders.linesOf(orderIds)) {
      const lines = byOrder.get(row.order_id) ?? [];
      lines.push(toOrderLine(row));
      byOrder.set(row.order_id, lines);
    }
    return orderIds.map((id) => byOrder.get(id) ?? []);
  }

  async getOrder(req: OrderRequest, id: string): Promise<Order> {
    this.assertMayRead(req.claims);
    const order = await req.loaders.orderById.load(id);
    if (!order) throw notFound('id', `id: no order ${id}`);
    return order;
  }

  /** An entity reference from the gateway; unknown ids resolve to null. */
  async resolveReference(req: OrderRequest, id: string): Promise<Order | null> {
    this.assertMayRead(req.claims);
    return req.loaders.orderById.load(id);
  }

  lines(req: OrderRequest, order: Order): Promise<OrderLine[]> {
    return req.loaders.linesByOrderId.load(order.id);
  }

  async listOrders(req: OrderRequest, filter: OrderFilterInput | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<Order>> {
    this.assertMayRead(req.claims);
    const limit = pageSize(first);
    const query = toOrderQuery(filter);
    const before = after ? decodeOrderCursor(after) : undefined;
    const orders = (await this.orders.page({ ...query, before, limit: limit + 1 })).map(toOrder);
    // Entity fetches later in this request (the gateway's _entities) then cost no query.
    for (const order of orders) req.loaders.orderById.prime(order.id, order);
    return toConnection(orders, limit, (o) => [o.placedAt, o.id], () => this.orders.count(query), Boolean(before));
  }

  /** Orders carry customers' purchases: a partner key (a supplier) sees none of them. */
  private assertMayRead(claims: Claims): void {
    if (supplierPartnerId(claims)) throw forbidden('Partner keys may not read orders');
  }
}

function toOrderQuery(filter: OrderFilterInput | null | undefined): OrderQuery {
  const placedFrom = filter?.placedAfter ?? undefined;
  const placedUntil = filter?.placedBefore ?? undefined;
  if (placedFrom && placedUntil && Date.parse(placedFrom) > Date.parse(placedUntil)) {
    throw badUserInput('filter.placedBefore', 'must not be earlier than filter.placedAfter');
  }
  return {
    status: filter?.status ?? undefined,
    channel: filter?.channel ?? undefined,
    locationId: filter?.locationId ?? undefined,
    customerRef: filter?.customerRef ?? undefined,
    placedFrom,
    placedUntil,
  };
}

/** The cursor is (placedAt, id) of the last order seen: ids break ties between orders placed in the same millisecond. */
function decodeOrderCursor(after: string): { placedAt: string; id: string } {
  const [placedAt, id] = decodeCursor(after, 'after', 2);
  if (typeof placedAt !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(placedAt))) {
    throw badUserInput('after', 'is not a cursor this API returned');
  }
  return { placedAt: new Date(placedAt).toISOString(), id };
}
