// orders.order.returned.v1: units came back; inventory books them into stock at the restock location.
import type { NewEvent } from '@retail-hub/platform';

export const ORDER_RETURNED_V1 = 'orders.order.returned.v1';

export interface OrderReturnedV1 {
  orderId: string;
  status: string;
  returnId: string;
  restockLocationId: string;
  reason: string | null;
  lines: { sku: string; quantity: number; refundCentAmount: number }[];
  refundCentAmount: number;
  currency: string;
  returnedAt: string;
}

export function orderReturnedEvent(data: OrderReturnedV1): NewEvent<OrderReturnedV1> {
  return { type: ORDER_RETURNED_V1, subject: data.orderId, data };
}
