// The ERP stock moves orders caused, for people: an order's bookings and how they stand, and replays of dead ones.
import { forbidden, hasScope, type Claims, type Clock } from '@retail-hub/platform';
import type { StockBookingRepository } from '../store/stock-booking.repository.js';

export interface StockBooking {
  id: string;
  kind: string;
  orderId: string;
  sku: string;
  locationId: string;
  delta: number;
  status: string;
  attempts: number;
  lastError: string | null;
  bookedAt: string | null;
}

export class StockBookingService {
  constructor(private readonly bookings: StockBookingRepository, private readonly clock: Clock, private readonly onRequeued: () => void) {}

  async forOrder(claims: Claims, orderId: string): Promise<StockBooking[]> {
    if (claims.kind !== 'service' && !hasScope(claims, 'inventory:read')) throw forbidden('stockBookings needs the inventory:read scope');
    return (await this.bookings.forOrder(orderId)).map((b) => ({
      id: b.booking_id,
      kind: b.kind,
      orderId: b.order_id,
      sku: b.sku,
      locationId: b.location_id,
      delta: b.delta,
      status: b.status,
      attempts: b.attempts,
      lastError: b.last_error,
      bookedAt: b.booked_at,
    }));
  }

  /** Sends dead-lettered moves again; the ERP books each booking id once, so a replay never moves stock twice. */
  async replay(claims: Claims, orderId: string | null | undefined): Promise<{ replayed: number }> {
    if (claims.kind !== 'service' && !hasScope(claims, 'inventory:write')) throw forbidden('replayStockBookings needs the inventory:write scope');
    const replayed = await this.bookings.requeueDead(orderId ?? null, this.clock.now().toISOString());
    if (replayed > 0) this.onRequeued();
    return { replayed };
  }
}
