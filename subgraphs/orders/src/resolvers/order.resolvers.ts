// Order: entity references, its lines, fulfilments, timeline, returns and ERP postings, and the location stub the gateway resolves in inventory.
import type { OrdersContext } from '../context.js';
import type { Order } from '../services/order-model.js';

export const orderResolvers = {
  Order: {
    __resolveReference: (ref: { id: string }, ctx: OrdersContext) => ctx.orderQueries.resolveReference(ctx, ref.id),
    lines: (order: Order, _: unknown, ctx: OrdersContext) => ctx.orderQueries.lines(ctx, order),
    location: (order: Order) => ({ id: order.locationId }),
    fulfilments: (order: Order, _: unknown, ctx: OrdersContext) => ctx.loaders.fulfilmentsByOrderId.load(order.id),
    timeline: (order: Order, _: unknown, ctx: OrdersContext) => ctx.loaders.timelineByOrderId.load(order.id),
    returns: (order: Order, _: unknown, ctx: OrdersContext) => ctx.loaders.returnsByOrderId.load(order.id),
    erpPostings: (order: Order, _: unknown, ctx: OrdersContext) => ctx.loaders.postingsByOrderId.load(order.id),
  },
};
