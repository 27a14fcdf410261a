// Reservation mutations and queries, the ERP stock moves of orders, and the links of their lines.
import type { GraphQLResolveInfo } from 'graphql';
import type { InventoryContext } from '../context.js';
import type { ReserveStockInput } from '../services/reservation-input.js';
import type { ReservationLine } from '../services/reservation-model.js';
import type { StockBooking } from '../services/stock-booking.service.js';
import { locationLink } from './location-link.js';

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
    location: (b: StockBooking, _: unknown, ctx: InventoryContext, info: GraphQLResolveInfo) => locationLink(b.locationId, ctx, info),
  },
  ReservationLine: {
    product: (line: ReservationLine) => ({ sku: line.sku }),
    location: (line: ReservationLine, _: unknown, ctx: InventoryContext, info: GraphQLResolveInfo) => locationLink(line.locationId, ctx, info),
  },
};
