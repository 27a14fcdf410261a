// Query root of the orders subgraph.
import type { OrdersContext } from '../context.js';
import type { OrderFilterInput } from '../services/order-query.service.js';

export const queryResolvers = {
  Query: {
    order: (_: unknown, args: { id: string }, ctx: OrdersContext) => ctx.orderQueries.getOrder(ctx, args.id),
    orders: (_: unknown, args: { filter?: OrderFilterInput; first?: number; after?: string }, ctx: OrdersContext) => ctx.orderQueries.listOrders(ctx, args.filter, args.first, args.after),
  },
};
