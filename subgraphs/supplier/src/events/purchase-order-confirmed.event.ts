// supplier.purchase_order.confirmed.v1: the supplier confirmed the order, possibly short or with new dates.
import { purchaseOrderEvent, type PurchaseOrderSnapshot } from './purchase-order-snapshot.js';

export const PURCHASE_ORDER_CONFIRMED_V1 = 'supplier.purchase_order.confirmed.v1';

export const purchaseOrderConfirmedEvent = (snapshot: PurchaseOrderSnapshot, confirmationId: string, confirmedBy: string) =>
  purchaseOrderEvent(PURCHASE_ORDER_CONFIRMED_V1, { ...snapshot, confirmationId, confirmedBy });
