// Order: entity references, its lines, and the location stub the gateway resolves in inventory.
import type { OrdersContext } from '../context.js';
import type { Order } from '../services/order-model.js';

export const orderResolvers = {
  Order: {
    __resolveReference: (ref: { id: string }, ctx: OrdersContext) => ctx.orderQueries.resolveReference(ctx, ref.id),
    lines: (order: Order, _: unknown, ctx: OrdersContext) => ctx.orderQueries.lines(ctx, order),
    location: (order: Order) => ({ id: order.locationId }),
  },
};
