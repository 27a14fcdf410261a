// Purchasing: the ERP's suppliers, what each supplies on which terms, and purchase orders.
import type { ChangePage } from './change-page.js';

export interface SupplierRecord {
  id: string;
  name: string;
  email: string;
  currency: string;
  active: boolean;
  updatedAt: string;
}

export interface SupplierItemRecord {
  supplierId: string;
  sku: string;
  unitCostCentAmount: number;
  currency: string;
  /** Units per case; orders are in whole cases. */
  packSize: number;
  /** Minimum order quantity in units. */
  minOrderQty: number;
  leadTimeDays: number;
  /** Units of this item the supplier can ship per week. */
  weeklyCapacity: number;
  /** The supplier replenishment uses first for this SKU. */
  primary: boolean;
  updatedAt: string;
}

export interface PurchaseOrderLineRecord {
  sku: string;
  quantity: number;
  unitCostCentAmount: number;
  receivedQuantity: number;
}

export type ErpPurchaseOrderStatus = 'OPEN' | 'PARTIALLY_RECEIVED' | 'RECEIVED' | 'CANCELLED';

export interface PurchaseOrderRecord {
  /** The hub's purchase order id. */
  id: string;
  documentNo: string;
  supplierId: string;
  locationId: string;
  status: ErpPurchaseOrderStatus;
  expectedDate: string;
  currency: string;
  lines: PurchaseOrderLineRecord[];
  createdAt: string;
  updatedAt: string;
}

export interface PurchaseOrderDraft {
  /** The hub's id; creating the same id twice creates one order. */
  id: string;
  supplierId: string;
  locationId: string;
  expectedDate: string;
  currency: string;
  lines: { sku: string; quantity: number; unitCostCentAmount: number }[];
}

export interface PurchaseReceipt {
  /** The hub's receipt id; receiving the same id twice books it once. */
  receiptId: string;
  purchaseOrderId: string;
  lines: { sku: string; quantity: number }[];
}

export interface PurchasingPort {
  getSuppliers(ids: readonly string[]): Promise<(SupplierRecord | null)[]>;
  supplierChanges(after: string | null, limit: number): Promise<ChangePage<SupplierRecord>>;
  supplierItemChanges(after: string | null, limit: number): Promise<ChangePage<SupplierItemRecord>>;
  purchaseOrderChanges(after: string | null, limit: number): Promise<ChangePage<PurchaseOrderRecord>>;
  /** Creates purchase orders (and their inbound stock); idempotent by id. */
  createPurchaseOrders(drafts: readonly PurchaseOrderDraft[]): Promise<PurchaseOrderRecord[]>;
  /** Books receipts: inbound falls, on-hand rises; idempotent by receipt id. */
  receivePurchaseOrders(receipts: readonly PurchaseReceipt[]): Promise<PurchaseOrderRecord[]>;
  cancelPurchaseOrders(ids: readonly string[]): Promise<PurchaseOrderRecord[]>;
}
