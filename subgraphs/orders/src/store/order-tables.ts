// The orders subgraph's own tables: orders and their lines, laid out for placement and the lifecycle to come.
import type { EventTables } from '@retail-hub/platform';

export interface OrdersTable {
  id: string;
  /** The client's key for a placement request: a retried placement finds its order instead of making a second. */
  idempotency_key: string | null;
  status: string;
  payment_status: string;
  channel: string;
  location_id: string;
  customer_ref: string;
  /** Every amount of the order and its lines is in this currency. */
  currency: string;
  subtotal_cent_amount: number;
  discount_cent_amount: number;
  total_cent_amount: number;
  /** UTC ISO-8601 with milliseconds, so text order is time order on both dialects. */
  placed_at: string;
  updated_at: string;
}

export interface OrderLineTable {
  order_id: string;
  line_no: number;
  sku: string;
  quantity: number;
  /** Charged price of one unit, after promotions. */
  unit_price_cent_amount: number;
  /** List price of one unit before promotions: what the ERP posting and returns refer back to. */
  regular_unit_price_cent_amount: number;
  /** What promotions took off the whole line. */
  discount_cent_amount: number;
  line_total_cent_amount: number;
}

export interface OrdersDatabase extends EventTables {
  orders: OrdersTable;
  order_line: OrderLineTable;
}
