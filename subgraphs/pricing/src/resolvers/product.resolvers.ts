// Product (owned by the product subgraph): entity references and its price.
import type { PricingContext } from '../context.js';
import type { Channel } from '../services/pricing-model.js';

export const productResolvers = {
  Product: {
    __resolveReference: (ref: { sku: string }, ctx: PricingContext) => ctx.prices.productReference(ctx.loaders, ref.sku),
    price: (product: { sku: string }, args: { channel: Channel; locationId?: string | null }, ctx: PricingContext) => ctx.prices.priceOf(ctx.loaders, product.sku, args.channel, args.locationId),
  },
};
