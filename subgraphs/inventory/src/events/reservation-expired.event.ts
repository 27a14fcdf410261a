// inventory.reservation.expired.v1: an unpaid order's hold lapsed and the sweeper released its units.
import type { NewEvent } from '@retail-hub/platform';
import type { ReservedUnits } from './reservation-line.js';

export const RESERVATION_EXPIRED_V1 = 'inventory.reservation.expired.v1';

export interface ReservationExpiredV1 {
  orderId: string;
  lines: ReservedUnits[];
  expiredAt: string;
}

export function reservationExpiredEvent(data: ReservationExpiredV1): NewEvent<ReservationExpiredV1> {
  return { type: RESERVATION_EXPIRED_V1, subject: data.orderId, data };
}
