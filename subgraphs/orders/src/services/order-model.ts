// The order domain as services hand it to resolvers (camelCase, amounts as Money).
import type { OrderLineRow, OrderRow } from '../store/order.repository.js';

export interface Money {
  centAmount: number;
  currency: string;
}

export interface Order {
  id: string;
  status: string;
  paymentStatus: string;
  channel: string;
  locationId: string;
  customerRef: string;
  subtotal: Money;
  discountTotal: Money;
  total: Money;
  placedAt: string;
  updatedAt: string;
  paymentMethod: string | null;
  shipToRegion: string | null;
}

export interface OrderLine {
  orderId: string;
  lineNo: number;
  sku: string;
  quantity: number;
  unitPrice: Money;
  regularUnitPrice: Money;
  discount: Money;
  lineTotal: Money;
  returnedQuantity: number;
}

export function toOrder(row: OrderRow): Order {
  const money = (centAmount: number): Money => ({ centAmount, currency: row.currency });
  return {
    id: row.id,
    status: row.status,
    paymentStatus: row.payment_status,
    channel: row.channel,
    locationId: row.location_id,
    customerRef: row.customer_ref,
    subtotal: money(row.subtotal_cent_amount),
    discountTotal: money(row.discount_cent_amount),
    total: money(row.total_cent_amount),
    placedAt: row.placed_at,
    updatedAt: row.updated_at,
    paymentMethod: row.payment_method,
    shipToRegion: row.ship_to_region,
  };
}

export function toOrderLine(row: OrderLineRow): OrderLine {
  const money = (centAmount: number): Money => ({ centAmount, currency: row.currency });
  return {
    orderId: row.order_id,
    lineNo: row.line_no,
    sku: row.sku,
    quantity: row.quantity,
    unitPrice: money(row.unit_price_cent_amount),
    regularUnitPrice: money(row.regular_unit_price_cent_amount),
    discount: money(row.discount_cent_amount),
    lineTotal: money(row.line_total_cent_amount),
    returnedQuantity: row.returned_quantity,
  };
}
