// Translates the ERP's purchasing records into the projection's rows, including the hub's purchase-order status.
import type { ErpPurchaseOrderStatus, PurchaseOrderRecord, SupplierItemRecord, SupplierRecord } from '@retail-hub/erp';
import type { ErpPurchaseOrderLineRow } from '../store/purchase-order-line.repository.js';
import type { ErpPurchaseOrderRow } from '../store/purchase-order.repository.js';
import type { SupplierItemRow } from '../store/supplier-item.repository.js';
import type { SupplierRow } from '../store/supplier.repository.js';

/** An ERP order that is OPEN has been sent and sits with the supplier: for the hub it is SENT. */
const HUB_STATUS: Record<ErpPurchaseOrderStatus, string> = {
  OPEN: 'SENT',
  PARTIALLY_RECEIVED: 'PARTIALLY_RECEIVED',
  RECEIVED: 'RECEIVED',
  CANCELLED: 'CANCELLED',
};

export function toSupplierRow(record: SupplierRecord): SupplierRow {
  return {
    id: record.id,
    name: record.name,
    email: record.email,
    currency: record.currency,
    active: record.active ? 1 : 0,
    updated_at: record.updatedAt,
    search_text: [record.name, record.id, record.email].join(' ').toLowerCase(),
  };
}

export function toSupplierItemRow(record: SupplierItemRecord): SupplierItemRow {
  return {
    supplier_id: record.supplierId,
    sku: record.sku,
    unit_cost_cent_amount: record.unitCostCentAmount,
    currency: record.currency,
    pack_size: record.packSize,
    min_order_qty: record.minOrderQty,
    lead_time_days: record.leadTimeDays,
    weekly_capacity: record.weeklyCapacity,
    is_primary: record.primary ? 1 : 0,
    updated_at: record.updatedAt,
  };
}

export function toPurchaseOrderRows(record: PurchaseOrderRecord): { order: ErpPurchaseOrderRow; lines: ErpPurchaseOrderLineRow[] } {
  const status = HUB_STATUS[record.status];
  if (!status) throw new Error(`purchase order ${record.id}: unknown ERP status ${record.status}`);
  return {
    order: {
      id: record.id,
      supplier_id: record.supplierId,
      location_id: record.locationId,
      status,
      expected_date: record.expectedDate,
      currency: record.currency,
      total_cent_amount: record.lines.reduce((sum, line) => sum + line.quantity * line.unitCostCentAmount, 0),
      created_at: record.createdAt,
      updated_at: record.updatedAt,
    },
    lines: record.lines.map((line, i) => ({
      purchase_order_id: record.id,
      line_no: i + 1,
      sku: line.sku,
      quantity: line.quantity,
      received_quantity: line.receivedQuantity,
      unit_cost_cent_amount: line.unitCostCentAmount,
    })),
  };
}
