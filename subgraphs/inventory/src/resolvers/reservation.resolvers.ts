// Reservation mutations and queries, the ERP stock moves of orders, and the links of their lines.
import type { GraphQLResolveInfo } from 'graphql';
import type { InventoryContext } from '../context.js';
import type { ReserveStockInput } from '../services/reservation-input.js';
import type { ReservationLine } from '../services/reservation-model.js';
import type { StockBooking } from '../services/stock-booking.service.js';

export const reservationResolvers = {
  Query: {
    reservation: (_: unknown, args: { orderId: string }, ctx: InventoryContext) => ctx.reservations.get(ctx.claims, args.orderId),
    stockBookings: (_: unknown, args: { orderId: string }, ctx: InventoryContext) => ctx.bookings.forOrder(ctx.claims, args.orderId),
  },
  Mutation: {
    reserveStock: (_: unknown, args: { input: ReserveStockInput }, ctx: InventoryContext) => ctx.reservations.reserve(ctx.claims, args.input),
    commitReservation: (_: unknown, args: { orderId: string }, ctx: InventoryContext) => ctx.reservations.commit(ctx.claims, args.orderId),
    releaseReservation: (_: unknown, args: { orderId: string; reason?: string | null }, ctx: InventoryContext) => ctx.reservations.release(ctx.claims, args.orderId, args.reason),
    replayStockBookings: (_: unknown, args: { orderId?: string | null }, ctx: InventoryContext) => ctx.bookings.replay(ctx.claims, args.orderId),
  },
  StockBooking: {
    location: (b: StockBooking, _: unknown, ctx: InventoryContext) => ctx.loaders.locationById.load(b.locationId),
  },
  ReservationLine: {
    product: (line: ReservationLine) => ({ sku: line.sku }),
    // The orders workflow asks for the id only, on every placement: that needs no read.
    location: (line: ReservationLine, _: unknown, ctx: InventoryContext, info: GraphQLResolveInfo) => (onlyId(info) ? { id: line.locationId } : ctx.loaders.locationById.load(line.locationId)),
  },
};

/** True when the field's selection is just `id` (and __typename). */
function onlyId(info: GraphQLResolveInfo): boolean {
  const selections = info.fieldNodes.flatMap((n) => n.selectionSet?.selections ?? []);
  return selections.every((s) => s.kind === 'Field' && (s.name.value === 'id' || s.name.value === '__typename'));
}
