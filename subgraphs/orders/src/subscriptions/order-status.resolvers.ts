// Subscription.orderStatusChanged; served over graphql-ws on /graphql.
import { resumeCursorOf, type LiveEvent } from '@retail-hub/platform';
import type { OrdersContext } from '../context.js';
import type { OrderStatusStreams } from './order-status-streams.service.js';

export function orderStatusResolvers(streams: OrderStatusStreams) {
  return {
    Subscription: {
      orderStatusChanged: {
        subscribe: (_: unknown, args: { orderId: string }, ctx: OrdersContext) => streams.open(ctx, args.orderId, resumeCursorOf(ctx)),
        resolve: (item: LiveEvent, _: unknown, ctx: OrdersContext) => streams.current(ctx, item),
      },
    },
  };
}
