// inventory.reservation.released.v1: an order's held units went back to available stock.
import type { NewEvent } from '@retail-hub/platform';
import type { ReservedUnits } from './reservation-line.js';

export const RESERVATION_RELEASED_V1 = 'inventory.reservation.released.v1';

export interface ReservationReleasedV1 {
  orderId: string;
  /** e.g. ORDER_CANCELLED, PLACEMENT_FAILED. */
  reason: string;
  lines: ReservedUnits[];
  releasedAt: string;
}

export function reservationReleasedEvent(data: ReservationReleasedV1): NewEvent<ReservationReleasedV1> {
  return { type: RESERVATION_RELEASED_V1, subject: data.orderId, data };
}
