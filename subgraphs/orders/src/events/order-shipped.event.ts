// orders.order.shipped.v1: one fulfilment left its location with a carrier.
import type { NewEvent } from '@retail-hub/platform';
import type { FulfilmentPart } from './order-event-parts.js';

export const ORDER_SHIPPED_V1 = 'orders.order.shipped.v1';

export interface OrderShippedV1 {
  orderId: string;
  /** The order's status after this shipment (CONFIRMED while other fulfilments wait). */
  status: string;
  shipment: FulfilmentPart & { carrier: string; trackingNumber: string };
  shippedAt: string;
}

export function orderShippedEvent(data: OrderShippedV1): NewEvent<OrderShippedV1> {
  return { type: ORDER_SHIPPED_V1, subject: data.orderId, data };
}
