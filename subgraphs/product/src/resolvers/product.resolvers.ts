// Product: entity references and its category.
import type { ProductContext } from '../context.js';
import type { Product } from '../services/catalog-model.js';

export const productResolvers = {
  Product: {
    __resolveReference: (ref: { sku: string }, ctx: ProductContext) => ctx.loaders.productBySku.load(ref.sku),
    category: (product: Product, _: unknown, ctx: ProductContext) => ctx.loaders.categoryById.load(product.categoryId),
  },
};
