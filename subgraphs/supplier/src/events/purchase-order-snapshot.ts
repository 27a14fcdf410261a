// The part every supplier.purchase_order.*.v1 event carries: the order and its lines as they stand after the step.
import type { NewEvent } from '@retail-hub/platform';
import type { PurchaseOrderLineRow } from '../store/purchase-order-line.repository.js';
import type { PurchaseOrderRow } from '../store/purchase-order.repository.js';

export interface PurchaseOrderSnapshot {
  purchaseOrderId: string;
  supplierId: string;
  locationId: string;
  status: string;
  previousStatus: string | null;
  expectedDate: string;
  currency: string;
  totalCentAmount: number;
  lines: {
    lineNo: number;
    sku: string;
    quantity: number;
    unitCostCentAmount: number;
    confirmedQuantity: number | null;
    confirmedDate: string | null;
    shippedQuantity: number;
    receivedQuantity: number;
  }[];
  occurredAt: string;
}

export function purchaseOrderSnapshot(order: PurchaseOrderRow, lines: readonly PurchaseOrderLineRow[], previousStatus: string | null, occurredAt: string): PurchaseOrderSnapshot {
  return {
    purchaseOrderId: order.id,
    supplierId: order.supplier_id,
    locationId: order.location_id,
    status: order.status,
    previousStatus,
    expectedDate: order.expected_date,
    currency: order.currency,
    totalCentAmount: Number(order.total_cent_amount),
    lines: [...lines]
      .sort((a, b) => a.line_no - b.line_no)
      .map((l) => ({
        lineNo: l.line_no,
        sku: l.sku,
        quantity: l.quantity,
        unitCostCentAmount: l.unit_cost_cent_amount,
        confirmedQuantity: l.confirmed_quantity ?? null,
        confirmedDate: l.confirmed_date ?? null,
        shippedQuantity: l.shipped_quantity ?? 0,
        receivedQuantity: l.received_quantity,
      })),
    occurredAt,
  };
}

/** An event about one order: its subject is the order id. */
export function purchaseOrderEvent<T extends PurchaseOrderSnapshot>(type: string, data: T): NewEvent<T> {
  return { type, subject: data.purchaseOrderId, data };
}
