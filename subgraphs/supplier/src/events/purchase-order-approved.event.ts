// supplier.purchase_order.approved.v1: a buyer approved the order; it is queued for the ERP and the supplier.
import { purchaseOrderEvent, type PurchaseOrderSnapshot } from './purchase-order-snapshot.js';

export const PURCHASE_ORDER_APPROVED_V1 = 'supplier.purchase_order.approved.v1';

export const purchaseOrderApprovedEvent = (snapshot: PurchaseOrderSnapshot, approvedBy: string) => purchaseOrderEvent(PURCHASE_ORDER_APPROVED_V1, { ...snapshot, approvedBy });
