// supplier.purchase_order.sent.v1: the ERP accepted the order (its inbound now counts it) and the supplier's webhooks have it queued.
import { purchaseOrderEvent, type PurchaseOrderSnapshot } from './purchase-order-snapshot.js';

export const PURCHASE_ORDER_SENT_V1 = 'supplier.purchase_order.sent.v1';

export const purchaseOrderSentEvent = (snapshot: PurchaseOrderSnapshot, erpDocumentNo: string) => purchaseOrderEvent(PURCHASE_ORDER_SENT_V1, { ...snapshot, erpDocumentNo });
