// Query root of the product subgraph.
import type { ProductContext } from '../context.js';
import type { ProductFilterInput } from '../services/catalog.service.js';

export const queryResolvers = {
  Query: {
    product: async (_: unknown, args: { sku: string }, ctx: ProductContext) => ctx.catalog.requireProduct(await ctx.loaders.productBySku.load(args.sku), args.sku),
    products: async (_: unknown, args: { filter?: ProductFilterInput; first?: number; after?: string }, ctx: ProductContext) => ctx.catalog.listProducts(args.filter, args.first, args.after, await ctx.partnerSkus()),
    categories: (_: unknown, __: unknown, ctx: ProductContext) => ctx.catalog.allCategories(),
  },
};
