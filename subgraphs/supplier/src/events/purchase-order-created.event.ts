// supplier.purchase_order.created.v1: a purchase order was drafted from approved replenishment proposals.
import { purchaseOrderEvent, type PurchaseOrderSnapshot } from './purchase-order-snapshot.js';

export const PURCHASE_ORDER_CREATED_V1 = 'supplier.purchase_order.created.v1';

export const purchaseOrderCreatedEvent = (snapshot: PurchaseOrderSnapshot, proposalIds: string[]) => purchaseOrderEvent(PURCHASE_ORDER_CREATED_V1, { ...snapshot, proposalIds });
