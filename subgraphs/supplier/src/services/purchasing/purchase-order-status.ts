// The purchase-order lifecycle as data: which step may follow which, and the status a set of lines has reached.
import type { ErpPurchaseOrderStatus } from '@retail-hub/erp';

export type PurchaseOrderStatus = 'DRAFT' | 'APPROVED' | 'SENT' | 'CONFIRMED' | 'PARTIALLY_CONFIRMED' | 'PARTIALLY_RECEIVED' | 'RECEIVED' | 'CANCELLED';

/** The statuses a supplier may confirm from: sent and not yet delivered (a confirmation may be revised until then). */
export const CONFIRMABLE: readonly PurchaseOrderStatus[] = ['SENT', 'CONFIRMED', 'PARTIALLY_CONFIRMED'];
/** The statuses goods may be shipped or received in. */
export const RECEIVABLE: readonly PurchaseOrderStatus[] = ['SENT', 'CONFIRMED', 'PARTIALLY_CONFIRMED', 'PARTIALLY_RECEIVED'];
/** The statuses a buyer may cancel from: everything not finished. */
export const CANCELLABLE: readonly PurchaseOrderStatus[] = ['DRAFT', 'APPROVED', 'SENT', 'CONFIRMED', 'PARTIALLY_CONFIRMED', 'PARTIALLY_RECEIVED'];
/** Orders whose goods are still coming. */
export const OPEN: readonly PurchaseOrderStatus[] = ['DRAFT', 'APPROVED', ...RECEIVABLE];

export interface LineQuantities {
  quantity: number;
  /** Null until the supplier confirms. */
  confirmedQuantity: number | null;
  receivedQuantity: number;
}

/** What is still to come on a line: the confirmed quantity (or, unconfirmed, the ordered one) less what arrived. */
export function outstanding(line: LineQuantities): number {
  return Math.max(0, (line.confirmedQuantity ?? line.quantity) - line.receivedQuantity);
}

/** After a confirmation: CONFIRMED when every line is confirmed in full, else PARTIALLY_CONFIRMED. */
export function statusAfterConfirmation(lines: readonly LineQuantities[]): PurchaseOrderStatus {
  return lines.every((l) => (l.confirmedQuantity ?? l.quantity) >= l.quantity) ? 'CONFIRMED' : 'PARTIALLY_CONFIRMED';
}

/** After a receipt: RECEIVED once nothing is outstanding on any line (a short confirmation counts as complete), else PARTIALLY_RECEIVED. */
export function statusAfterReceipt(lines: readonly LineQuantities[]): PurchaseOrderStatus {
  return lines.every((l) => outstanding(l) === 0) ? 'RECEIVED' : 'PARTIALLY_RECEIVED';
}

/**
 * A hub-raised order as the ERP's feed reports it, merged with the hub's own lifecycle. The ERP is the authority
 * for what was received and for a cancellation made in the ERP; the hub keeps the steps the ERP does not know
 * (approved, confirmed) and its own end states: an order the hub closed as RECEIVED after a short confirmation
 * shows CANCELLED in the ERP, where only the unconfirmed remainder was cancelled.
 */
export function mergeErpStatus(hub: PurchaseOrderStatus, erp: ErpPurchaseOrderStatus, lines: readonly LineQuantities[]): PurchaseOrderStatus {
  if (hub === 'RECEIVED' || hub === 'CANCELLED') return hub;
  if (erp === 'CANCELLED') return 'CANCELLED';
  if (erp === 'RECEIVED') return 'RECEIVED';
  if (erp === 'PARTIALLY_RECEIVED' || lines.some((l) => l.receivedQuantity > 0)) return statusAfterReceipt(lines);
  return hub;
}
