// Mutation root of the inventory subgraph.
import type { InventoryContext } from '../context.js';
import type { AdjustStockInput } from '../services/stock-adjustment.service.js';

export const mutationResolvers = {
  Mutation: {
    adjustStock: (_: unknown, args: { input: AdjustStockInput }, ctx: InventoryContext) => ctx.adjustments.adjustStock(ctx.claims, args.input),
  },
};
