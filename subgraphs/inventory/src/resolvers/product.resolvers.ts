// Product (owned by the product subgraph): the stock fields inventory adds to it.
import type { InventoryContext } from '../context.js';
import type { StockLevelFilterInput } from '../services/stock-level.service.js';

interface ProductRef {
  sku: string;
}

export const productResolvers = {
  Product: {
    // Nothing to load: the product subgraph decides whether a SKU exists, and a SKU without stock still has (empty) stock fields.
    __resolveReference: (ref: ProductRef): ProductRef => ({ sku: ref.sku }),
    stock: (product: ProductRef, args: { locationId: string }, ctx: InventoryContext) => ctx.stock.stockAt(ctx.loaders, product.sku, args.locationId),
    stockLevels: (product: ProductRef, args: { filter?: StockLevelFilterInput; first?: number; after?: string }, ctx: InventoryContext) =>
      ctx.stock.productStockLevels(ctx.loaders, product.sku, args.filter, args.first, args.after),
  },
};
