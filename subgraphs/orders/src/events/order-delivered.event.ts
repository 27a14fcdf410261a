// orders.order.delivered.v1: the customer received the order.
import type { NewEvent } from '@retail-hub/platform';

export const ORDER_DELIVERED_V1 = 'orders.order.delivered.v1';

export interface OrderDeliveredV1 {
  orderId: string;
  deliveredAt: string;
}

export function orderDeliveredEvent(data: OrderDeliveredV1): NewEvent<OrderDeliveredV1> {
  return { type: ORDER_DELIVERED_V1, subject: data.orderId, data };
}
