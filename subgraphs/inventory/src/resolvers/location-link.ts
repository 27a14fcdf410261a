// A Location field of a stock level, a reservation line or a booking: read from the store only when more than its id is asked.
import type { GraphQLResolveInfo } from 'graphql';
import type { InventoryContext } from '../context.js';

/**
 * A selection of just `location { id }` (orders asks it of every placement's stock levels and reservation lines)
 * needs no read: the id is at hand, and the row it points at exists (a foreign key).
 */
export function locationLink(locationId: string, ctx: InventoryContext, info: GraphQLResolveInfo) {
  return onlyId(info) ? { id: locationId } : ctx.loaders.locationById.load(locationId);
}

/** True when the field's selection is just `id` (and __typename). */
function onlyId(info: GraphQLResolveInfo): boolean {
  const selections = info.fieldNodes.flatMap((n) => n.selectionSet?.selections ?? []);
  return selections.every((s) => s.kind === 'Field' && (s.name.value === 'id' || s.name.value === '__typename'));
}
