// Location: entity references.
import type { InventoryContext } from '../context.js';

export const locationResolvers = {
  Location: {
    __resolveReference: (ref: { id: string }, ctx: InventoryContext) => ctx.loaders.locationById.load(ref.id),
  },
};
