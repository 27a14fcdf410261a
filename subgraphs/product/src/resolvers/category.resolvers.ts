// Category: entity references, its parent, its products.
import type { ProductContext } from '../context.js';
import type { Category } from '../services/catalog-model.js';

export const categoryResolvers = {
  Category: {
    __resolveReference: (ref: { id: string }, ctx: ProductContext) => ctx.loaders.categoryById.load(ref.id),
    parent: (category: Category, _: unknown, ctx: ProductContext) => (category.parentId ? ctx.loaders.categoryById.load(category.parentId) : null),
    products: (category: Category, args: { first?: number; after?: string }, ctx: ProductContext) =>
      ctx.loaders.categoryProducts.load({ categoryId: category.id, first: args.first, after: args.after }),
  },
};
