// inventory.reservation.committed.v1: an unpaid order's hold became firm once it was paid.
import type { NewEvent } from '@retail-hub/platform';

export const RESERVATION_COMMITTED_V1 = 'inventory.reservation.committed.v1';

export interface ReservationCommittedV1 {
  orderId: string;
  committedAt: string;
}

export function reservationCommittedEvent(data: ReservationCommittedV1): NewEvent<ReservationCommittedV1> {
  return { type: RESERVATION_COMMITTED_V1, subject: data.orderId, data };
}
