// StockLevel: its product (a reference the product subgraph resolves) and its location.
import type { InventoryContext } from '../context.js';
import type { StockLevel } from '../services/inventory-model.js';

export const stockLevelResolvers = {
  StockLevel: {
    product: (level: StockLevel) => ({ sku: level.sku }),
    location: (level: StockLevel, _: unknown, ctx: InventoryContext) => ctx.loaders.locationById.load(level.locationId),
  },
};
