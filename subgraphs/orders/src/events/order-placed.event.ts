// orders.order.placed.v1: an order was accepted, priced and its stock reserved.
import type { NewEvent } from '@retail-hub/platform';
import type { FulfilmentPart } from './order-event-parts.js';

export const ORDER_PLACED_V1 = 'orders.order.placed.v1';

export interface OrderPlacedV1 {
  orderId: string;
  channel: string;
  locationId: string;
  customerRef: string;
  status: string;
  paymentStatus: string;
  currency: string;
  totalCentAmount: number;
  lines: { sku: string; quantity: number; unitPriceCentAmount: number; lineTotalCentAmount: number }[];
  fulfilments: FulfilmentPart[];
  placedAt: string;
}

export function orderPlacedEvent(data: OrderPlacedV1): NewEvent<OrderPlacedV1> {
  return { type: ORDER_PLACED_V1, subject: data.orderId, data };
}
