// inventory.reservation.shipped.v1: held units left with a shipment (reserved until the ERP books the sale).
import type { NewEvent } from '@retail-hub/platform';
import type { ReservedUnits } from './reservation-line.js';

export const RESERVATION_SHIPPED_V1 = 'inventory.reservation.shipped.v1';

export interface ReservationShippedV1 {
  orderId: string;
  shipmentId: string;
  lines: ReservedUnits[];
  shippedAt: string;
}

export function reservationShippedEvent(data: ReservationShippedV1): NewEvent<ReservationShippedV1> {
  return { type: RESERVATION_SHIPPED_V1, subject: data.orderId, data };
}
