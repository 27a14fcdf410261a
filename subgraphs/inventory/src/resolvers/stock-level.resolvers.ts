// StockLevel: its product (a reference the product subgraph resolves) and its location.
import type { GraphQLResolveInfo } from 'graphql';
import type { InventoryContext } from '../context.js';
import type { StockLevel } from '../services/inventory-model.js';
import { locationLink } from './location-link.js';

export const stockLevelResolvers = {
  StockLevel: {
    product: (level: StockLevel) => ({ sku: level.sku }),
    location: (level: StockLevel, _: unknown, ctx: InventoryContext, info: GraphQLResolveInfo) => locationLink(level.locationId, ctx, info),
  },
};
