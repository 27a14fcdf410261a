// Product (owned by the product subgraph): the stock fields inventory adds to it.
import type { InventoryContext } from '../context.js';
import { toConnection } from '@retail-hub/platform';
import type { StockLevelFilterInput } from '../services/stock-level.service.js';

async function mayRead(ctx: InventoryContext, sku: string): Promise<boolean> {
  const allowed = await ctx.partnerSkus();
  return !allowed || allowed.has(sku);
}

interface ProductRef {
  sku: string;
}

export const productResolvers = {
  Product: {
    // Nothing to load: the product subgraph decides whether a SKU exists, and a SKU without stock still has (empty) stock fields.
    __resolveReference: (ref: ProductRef): ProductRef => ({ sku: ref.sku }),
    // A supplier partner reaching another supplier's product (by any path) sees no stock for it.
    stock: async (product: ProductRef, args: { locationId: string }, ctx: InventoryContext) =>
      (await mayRead(ctx, product.sku)) ? ctx.stock.stockAt(ctx.loaders, product.sku, args.locationId) : null,
    stockLevels: async (product: ProductRef, args: { filter?: StockLevelFilterInput; first?: number; after?: string }, ctx: InventoryContext) =>
      (await mayRead(ctx, product.sku)) ? ctx.stock.productStockLevels(ctx.loaders, product.sku, args.filter, args.first, args.after) : toConnection([], 0, () => [], async () => 0),
  },
};
