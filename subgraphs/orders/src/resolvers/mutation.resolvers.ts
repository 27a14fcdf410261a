// Mutation root of the orders subgraph: placement and the lifecycle, each a call into its service.
import type { OrdersContext } from '../context.js';
import type { PaymentResultInput, ShipOrderInput } from '../services/lifecycle/order-lifecycle.service.js';
import type { ReturnOrderInput } from '../services/lifecycle/order-return.service.js';
import type { PlaceOrderInput } from '../services/placement/place-order-input.js';

export const mutationResolvers = {
  Mutation: {
    placeOrder: (_: unknown, args: { idempotencyKey: string; input: PlaceOrderInput }, ctx: OrdersContext) => ctx.placement.placeOrder(ctx.claims, args.idempotencyKey, args.input),
    cancelOrder: (_: unknown, args: { id: string; reason?: string | null }, ctx: OrdersContext) => ctx.lifecycle.cancel(ctx.claims, args.id, args.reason),
    shipOrder: (_: unknown, args: { id: string; input: ShipOrderInput }, ctx: OrdersContext) => ctx.lifecycle.ship(ctx.claims, args.id, args.input),
    markDelivered: (_: unknown, args: { id: string }, ctx: OrdersContext) => ctx.lifecycle.markDelivered(ctx.claims, args.id),
    returnOrder: (_: unknown, args: { id: string; input: ReturnOrderInput }, ctx: OrdersContext) => ctx.returns.returnOrder(ctx.claims, args.id, args.input),
    recordPaymentResult: (_: unknown, args: { id: string; input: PaymentResultInput }, ctx: OrdersContext) => ctx.lifecycle.recordPaymentResult(ctx.claims, args.id, args.input),
  },
};
