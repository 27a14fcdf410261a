// orderStatusChanged: the events of one order, for a caller who may read it; each delivers the order as it now stands.
import { notFound, type FeedCursor, type LiveEvent, type LiveEventFeed } from '@retail-hub/platform';
import type { Order } from '../services/order-model.js';
import type { OrderRequest, OrderQueryService } from '../services/order-query.service.js';

/** Every orders.order.* event is a status change of the order its subject names (placed, confirmed, shipped, ...). */
export const ORDER_STATUS_EVENTS = ['orders.order.*'];

export class OrderStatusStreams {
  constructor(private readonly deps: { feed: LiveEventFeed; orderQueries: OrderQueryService }) {}

  /** The order must exist and be the caller's to read before anything is opened (partners are FORBIDDEN). */
  async open(req: OrderRequest, orderId: string, resumeAfter: FeedCursor | null): Promise<AsyncIterableIterator<LiveEvent>> {
    if (!(await this.deps.orderQueries.resolveReference(req, orderId))) throw notFound('orderId', `orderId: no order ${orderId}`);
    return this.deps.feed.open((item) => item.event.subject === orderId, resumeAfter);
  }

  /** Read when the event is delivered: a change made since may already show, and the latest is what a watcher wants. */
  current(req: OrderRequest, item: LiveEvent): Promise<Order> {
    return this.deps.orderQueries.getOrder(req, item.event.subject!);
  }
}
