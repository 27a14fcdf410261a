// A reservation as services hand it to resolvers (camelCase, times as ISO strings).
import type { ReservationRecord } from '../store/reservation.repository.js';

export interface ReservationLine {
  sku: string;
  locationId: string;
  quantity: number;
  shippedQuantity: number;
}

export interface Reservation {
  orderId: string;
  status: string;
  lines: ReservationLine[];
  expiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReservationResult {
  reservation: Reservation | null;
  errors: { code: string; message: string; field: string | null }[];
}

export function toReservation(r: ReservationRecord): Reservation {
  return {
    orderId: r.order_id,
    status: r.status,
    lines: r.lines.map((l) => ({ sku: l.sku, locationId: l.location_id, quantity: l.quantity, shippedQuantity: l.shipped_quantity })),
    expiresAt: r.expires_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
