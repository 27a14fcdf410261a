// Product (owned by the product subgraph): entity references, its price and the promotions running for it.
import type { PricingContext } from '../context.js';
import type { Channel } from '../services/pricing-model.js';

export const productResolvers = {
  Product: {
    __resolveReference: (ref: { sku: string }, ctx: PricingContext) => ctx.prices.productReference(ctx.loaders, ref.sku),
    price: (product: { sku: string }, args: { channel: Channel; locationId?: string | null }, ctx: PricingContext) => ctx.prices.priceOf(ctx.loaders, product.sku, args.channel, args.locationId),
    activePromotions: async (product: { sku: string }, args: { channel: Channel; locationId?: string | null }, ctx: PricingContext) =>
      ctx.loaders.promotionById.loadMany(await ctx.prices.activePromotionIds(ctx.loaders, product.sku, args.channel, args.locationId)),
  },
};
