// orders.order.cancelled.v1: an order was cancelled before it shipped; inventory releases its hold.
import type { NewEvent } from '@retail-hub/platform';
import type { FulfilmentPart } from './order-event-parts.js';

export const ORDER_CANCELLED_V1 = 'orders.order.cancelled.v1';

export interface OrderCancelledV1 {
  orderId: string;
  previousStatus: string;
  /** e.g. CUSTOMER_REQUEST, PAYMENT_FAILED, RESERVATION_EXPIRED. */
  reason: string;
  paymentStatus: string;
  fulfilments: FulfilmentPart[];
  cancelledAt: string;
}

export function orderCancelledEvent(data: OrderCancelledV1): NewEvent<OrderCancelledV1> {
  return { type: ORDER_CANCELLED_V1, subject: data.orderId, data };
}
