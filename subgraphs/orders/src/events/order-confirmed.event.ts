// orders.order.confirmed.v1: an order is paid (authorized) and booked for fulfilment.
import type { NewEvent } from '@retail-hub/platform';
import type { FulfilmentPart } from './order-event-parts.js';

export const ORDER_CONFIRMED_V1 = 'orders.order.confirmed.v1';

export interface OrderConfirmedV1 {
  orderId: string;
  channel: string;
  locationId: string;
  currency: string;
  totalCentAmount: number;
  fulfilments: FulfilmentPart[];
  confirmedAt: string;
}

export function orderConfirmedEvent(data: OrderConfirmedV1): NewEvent<OrderConfirmedV1> {
  return { type: ORDER_CONFIRMED_V1, subject: data.orderId, data };
}
