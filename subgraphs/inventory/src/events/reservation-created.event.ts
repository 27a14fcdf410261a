// inventory.reservation.created.v1: units were held for an order, all of its lines or none.
import type { NewEvent } from '@retail-hub/platform';
import type { ReservedUnits } from './reservation-line.js';

export const RESERVATION_CREATED_V1 = 'inventory.reservation.created.v1';

export interface ReservationCreatedV1 {
  orderId: string;
  lines: ReservedUnits[];
  /** null for a firm hold (a paid order). */
  expiresAt: string | null;
  createdAt: string;
}

export function reservationCreatedEvent(data: ReservationCreatedV1): NewEvent<ReservationCreatedV1> {
  return { type: RESERVATION_CREATED_V1, subject: data.orderId, data };
}
