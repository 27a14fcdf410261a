// supplier.purchase_order.cancelled.v1: the order was cancelled; what was not received is no longer coming.
import { purchaseOrderEvent, type PurchaseOrderSnapshot } from './purchase-order-snapshot.js';

export const PURCHASE_ORDER_CANCELLED_V1 = 'supplier.purchase_order.cancelled.v1';

export const purchaseOrderCancelledEvent = (snapshot: PurchaseOrderSnapshot, reason: string) => purchaseOrderEvent(PURCHASE_ORDER_CANCELLED_V1, { ...snapshot, reason });
