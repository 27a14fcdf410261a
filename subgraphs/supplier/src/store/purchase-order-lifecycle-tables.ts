// What the hub records about the purchase orders it raises: pending workflow steps, confirmations, ship notices, receipts.

export interface PurchaseOrderWorkflowTable {
  purchase_order_id: string;
  /** The next step to run (SEND_TO_ERP, NOTIFY_SUPPLIER, MARK_SENT, CLOSE_REMAINDER) or DONE. */
  next_step: string;
  attempts: number;
  last_error: string | null;
  /** When the background worker may try again (ISO instant). */
  next_attempt_at: string;
  updated_at: string;
}

export interface PurchaseOrderConfirmationTable {
  id: string;
  purchase_order_id: string;
  /** JSON array of { sku, quantity, deliveryDate }: every line as confirmed. */
  lines: string;
  confirmed_by: string;
  confirmed_at: string;
}

export interface AdvanceShipNoticeTable {
  id: string;
  purchase_order_id: string;
  /** JSON array of { sku, quantity }. */
  lines: string;
  expected_date: string;
  carrier: string | null;
  tracking_number: string | null;
  posted_by: string;
  posted_at: string;
}

export interface PurchaseOrderReceiptTable {
  receipt_id: string;
  purchase_order_id: string;
  /** JSON array of { sku, quantity }. */
  lines: string;
  received_by: string;
  received_at: string;
}

export interface PurchaseOrderLifecycleTables {
  purchase_order_workflow: PurchaseOrderWorkflowTable;
  purchase_order_confirmation: PurchaseOrderConfirmationTable;
  advance_ship_notice: AdvanceShipNoticeTable;
  purchase_order_receipt: PurchaseOrderReceiptTable;
}
