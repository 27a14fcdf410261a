// Subscription.stockChanged and the StockChange type it returns; served over graphql-ws on /graphql.
import { resumeCursorOf, type LiveEvent } from '@retail-hub/platform';
import type { InventoryContext } from '../context.js';
import { toStockChange, type StockChange, type StockChangedFilterInput, type StockChangeStreams } from './stock-change-streams.service.js';

export function stockChangedResolvers(streams: StockChangeStreams) {
  return {
    Subscription: {
      stockChanged: {
        subscribe: (_: unknown, args: { filter?: StockChangedFilterInput | null }, ctx: InventoryContext) => streams.open(ctx.claims, args.filter, resumeCursorOf(ctx)),
        resolve: (item: LiveEvent) => toStockChange(item),
      },
    },
    StockChange: {
      product: (change: StockChange) => ({ sku: change.sku }),
      location: (change: StockChange, _: unknown, ctx: InventoryContext) => streams.location(ctx, change.locationId),
    },
  };
}
