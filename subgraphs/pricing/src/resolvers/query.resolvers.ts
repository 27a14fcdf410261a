// Query root of the pricing subgraph.
import type { PricingContext } from '../context.js';
import type { PriceCartInput } from '../services/cart.service.js';

export const queryResolvers = {
  Query: {
    priceCart: (_: unknown, args: { input: PriceCartInput }, ctx: PricingContext) => ctx.carts.priceCart(ctx.loaders, args.input),
  },
};
