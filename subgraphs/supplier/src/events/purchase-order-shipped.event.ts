// supplier.purchase_order.shipped.v1: the supplier posted an advance ship notice for the order.
import { purchaseOrderEvent, type PurchaseOrderSnapshot } from './purchase-order-snapshot.js';

export const PURCHASE_ORDER_SHIPPED_V1 = 'supplier.purchase_order.shipped.v1';

export interface ShipNoticeData {
  id: string;
  expectedDate: string;
  carrier: string | null;
  trackingNumber: string | null;
  lines: { sku: string; quantity: number }[];
}

export const purchaseOrderShippedEvent = (snapshot: PurchaseOrderSnapshot, shipNotice: ShipNoticeData) => purchaseOrderEvent(PURCHASE_ORDER_SHIPPED_V1, { ...snapshot, shipNotice });
