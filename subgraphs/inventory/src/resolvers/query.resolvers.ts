// Query root of the inventory subgraph.
import type { InventoryContext } from '../context.js';
import type { LocationFilterInput } from '../services/location.service.js';
import type { StockQueryFilterInput } from '../services/stock-level.service.js';

interface PageArgs {
  first?: number;
  after?: string;
}

export const queryResolvers = {
  Query: {
    location: async (_: unknown, args: { id: string }, ctx: InventoryContext) => ctx.locations.requireLocation(await ctx.loaders.locationById.load(args.id), args.id),
    locations: (_: unknown, args: PageArgs & { filter?: LocationFilterInput }, ctx: InventoryContext) => ctx.locations.listLocations(args.filter, args.first, args.after),
    stockLevels: async (_: unknown, args: PageArgs & { filter?: StockQueryFilterInput }, ctx: InventoryContext) =>
      ctx.stock.listStockLevels(ctx.loaders, args.filter, args.first, args.after, await ctx.partnerSkus()),
  },
};
