// The orders subgraph's own tables: orders, lines, fulfilments, timeline, returns, ERP postings, idempotency keys, sagas.
import type { Generated } from 'kysely';
import type { EventTables, SagaTables } from '@retail-hub/platform';

export interface OrdersTable {
  id: string;
  /**
   * Unused since placement keeps its keys in idempotency_key (scoped per caller, kept 24 h, then
   * reusable); a unique column here would refuse a key's reuse after that.
   */
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
  /** Bumped by every change: a transition only applies to the version it read (no lost updates). */
  version: Generated<number>;
  /** CARD, GIFT_CARD, WALLET or BANK_TRANSFER; null for orders written before the lifecycle. */
  payment_method: string | null;
  /** The payment provider's authorization reference. */
  payment_ref: string | null;
  /** Where an ECOMMERCE or MOBILE order ships to: its stores may fulfil it after the ecommerce centre and the DCs. */
  ship_to_region: string | null;
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
  /** Units that came back so far. */
  returned_quantity: Generated<number>;
}

/** Where (part of) an order ships from: one per location the order was routed to. */
export interface OrderFulfilmentTable {
  order_id: string;
  /** 1..n in routing preference order. */
  fulfilment_no: number;
  location_id: string;
  /** PENDING, SHIPPED, DELIVERED or CANCELLED. */
  status: string;
  carrier: string | null;
  tracking_number: string | null;
  shipped_at: string | null;
  delivered_at: string | null;
}

export interface OrderFulfilmentLineTable {
  order_id: string;
  fulfilment_no: number;
  sku: string;
  quantity: number;
}

/** Every change of an order's status or payment status, in order: Order.timeline. */
export interface OrderTransitionTable {
  order_id: string;
  seq: number;
  at: string;
  from_status: string | null;
  to_status: string;
  payment_status: string;
  /** Who caused it: the caller's subject (an API key id, service:<name>) or system:<what>. */
  actor: string;
  note: string | null;
}

export interface OrderReturnTable {
  order_id: string;
  return_no: number;
  restock_location_id: string;
  reason: string | null;
  /** JSON: [{ sku, quantity, refundCentAmount }]. */
  lines: string;
  refund_cent_amount: number;
  actor: string;
  created_at: string;
}

export type ErpPostingStatus = 'PENDING' | 'POSTED' | 'DEAD';

/** Postings owed to the ERP's SalesFinance ledger, written with the change that causes them and sent by a dispatcher. */
export interface ErpPostingTable {
  /** The ERP books each id once: ORD-…-SO, ORD-…-INV-<n>, ORD-…-CN-<n>. */
  posting_id: string;
  order_id: string;
  /** SALES_DOCUMENT, INVOICE or CREDIT_NOTE. */
  kind: string;
  /** The SalesFinance posting as JSON, exactly as it is sent. */
  payload: string;
  status: ErpPostingStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  document_no: string | null;
  created_at: string;
  posted_at: string | null;
  updated_at: string;
}

/** A placement request's idempotency key (scoped to the caller) and what it produced. */
export interface IdempotencyKeyTable {
  /** `<caller subject>|<key>`. */
  key: string;
  /** SHA-256 of the request's canonical input: the same key with other input is refused. */
  fingerprint: string;
  order_id: string;
  /** IN_PROGRESS while the placement runs, COMPLETED with its result after. */
  status: string;
  /** JSON of the outcome: { orderId } or { errors }. */
  result: string | null;
  created_at: string;
  completed_at: string | null;
}

export interface OrdersDatabase extends EventTables, SagaTables {
  orders: OrdersTable;
  order_line: OrderLineTable;
  order_fulfilment: OrderFulfilmentTable;
  order_fulfilment_line: OrderFulfilmentLineTable;
  order_transition: OrderTransitionTable;
  order_return: OrderReturnTable;
  erp_posting: ErpPostingTable;
  idempotency_key: IdempotencyKeyTable;
}
