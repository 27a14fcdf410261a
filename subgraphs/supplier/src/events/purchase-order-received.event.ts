// supplier.purchase_order.received.v1: goods were received; the ERP booked it, and inventory refreshes those positions from the ERP.
import { purchaseOrderEvent, type PurchaseOrderSnapshot } from './purchase-order-snapshot.js';

export const PURCHASE_ORDER_RECEIVED_V1 = 'supplier.purchase_order.received.v1';

export interface ReceiptData {
  receiptId: string;
  lines: { sku: string; quantity: number }[];
}

export const purchaseOrderReceivedEvent = (snapshot: PurchaseOrderSnapshot, receipt: ReceiptData) => purchaseOrderEvent(PURCHASE_ORDER_RECEIVED_V1, { ...snapshot, receipt });
