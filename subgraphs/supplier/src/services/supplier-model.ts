// The purchasing domain as services hand it to resolvers (camelCase, money as Money).
import type { PricedPurchaseOrderLineRow } from '../store/purchase-order-line.repository.js';
import type { PurchaseOrderRow } from '../store/purchase-order.repository.js';
import type { SupplierItemRow } from '../store/supplier-item.repository.js';
import type { SupplierRow } from '../store/supplier.repository.js';
import { outstanding } from './purchasing/purchase-order-status.js';

/** Orders nothing more is coming for. */
const CLOSED = new Set(['RECEIVED', 'CANCELLED']);

export interface Money {
  centAmount: number;
  currency: string;
}

export interface Supplier {
  id: string;
  name: string;
  email: string;
  currency: string;
  active: boolean;
}

export interface SupplierItem {
  supplierId: string;
  sku: string;
  unitCost: Money;
  packSize: number;
  minOrderQty: number;
  leadTimeDays: number;
  weeklyCapacity: number;
  primary: boolean;
}

export interface PurchaseOrder {
  id: string;
  supplierId: string;
  locationId: string;
  status: string;
  expectedDate: string;
  currency: string;
  total: Money;
  createdAt: string;
  updatedAt: string;
  managedByHub: boolean;
  requestedDate: string | null;
  sentAt: string | null;
  confirmedAt: string | null;
  cancelReason: string | null;
}

export interface PurchaseOrderLine {
  purchaseOrderId: string;
  sku: string;
  quantity: number;
  receivedQuantity: number;
  confirmedQuantity: number | null;
  confirmedDate: string | null;
  shippedQuantity: number;
  outstandingQuantity: number;
  unitCost: Money;
  lineTotal: Money;
}

export function toSupplier(row: SupplierRow): Supplier {
  return { id: row.id, name: row.name, email: row.email, currency: row.currency, active: row.active === 1 };
}

export function toSupplierItem(row: SupplierItemRow): SupplierItem {
  return {
    supplierId: row.supplier_id,
    sku: row.sku,
    unitCost: { centAmount: row.unit_cost_cent_amount, currency: row.currency },
    packSize: row.pack_size,
    minOrderQty: row.min_order_qty,
    leadTimeDays: row.lead_time_days,
    weeklyCapacity: row.weekly_capacity,
    primary: row.is_primary === 1,
  };
}

export function toPurchaseOrder(row: PurchaseOrderRow): PurchaseOrder {
  return {
    id: row.id,
    supplierId: row.supplier_id,
    locationId: row.location_id,
    status: row.status,
    expectedDate: row.expected_date,
    currency: row.currency,
    total: { centAmount: Number(row.total_cent_amount), currency: row.currency },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    managedByHub: row.managed_by === 'HUB',
    requestedDate: row.requested_date ?? null,
    sentAt: row.sent_at ?? null,
    confirmedAt: row.confirmed_at ?? null,
    cancelReason: row.cancel_reason ?? null,
  };
}

export function toPurchaseOrderLine(row: PricedPurchaseOrderLineRow): PurchaseOrderLine {
  const currency = row.currency;
  return {
    purchaseOrderId: row.purchase_order_id,
    sku: row.sku,
    quantity: row.quantity,
    receivedQuantity: row.received_quantity,
    confirmedQuantity: row.confirmed_quantity ?? null,
    confirmedDate: row.confirmed_date ?? null,
    shippedQuantity: row.shipped_quantity ?? 0,
    outstandingQuantity: CLOSED.has(row.status) ? 0 : outstanding({ quantity: row.quantity, confirmedQuantity: row.confirmed_quantity ?? null, receivedQuantity: row.received_quantity }),
    unitCost: { centAmount: row.unit_cost_cent_amount, currency },
    lineTotal: { centAmount: row.quantity * row.unit_cost_cent_amount, currency },
  };
}
