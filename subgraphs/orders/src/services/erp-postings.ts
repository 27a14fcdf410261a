// Builds the SalesFinance postings of an order's life: a sales document at confirmation, an invoice per shipment, a credit note per return.
import type { SalesPosting } from '@retail-hub/erp';
import { shareOf } from './money-split.js';

export interface QueuedPosting {
  postingId: string;
  orderId: string;
  kind: SalesPosting['kind'];
  payload: SalesPosting;
}

export interface PostingOrder {
  id: string;
  channel: string;
  locationId: string;
  currency: string;
}

export interface PostingLine {
  sku: string;
  quantity: number;
  lineTotalCentAmount: number;
}

/** The whole order as sold, at the order's location: booked when the order is confirmed. */
export function salesDocumentPosting(order: PostingOrder, lines: readonly PostingLine[], at: string): QueuedPosting {
  return posting(order, 'SALES_DOCUMENT', `${order.id}-SO`, order.locationId, lines.map((l) => ({ sku: l.sku, quantity: l.quantity, netCentAmount: l.lineTotalCentAmount })), at);
}

/**
 * What one shipment bills, from the location it left: each line's share of the order line's total
 * for its units, after the units earlier fulfilments of that line took (so the invoices of a split
 * order add up to the order's total exactly).
 */
export function invoicePosting(order: PostingOrder, fulfilment: { no: number; locationId: string; lines: readonly { sku: string; quantity: number }[] }, orderLines: readonly PostingLine[], unitsBefore: (sku: string) => number, at: string): QueuedPosting {
  const lines = fulfilment.lines.map((l) => {
    const line = orderLines.find((o) => o.sku === l.sku)!;
    return { sku: l.sku, quantity: l.quantity, netCentAmount: shareOf(line.lineTotalCentAmount, line.quantity, unitsBefore(l.sku), l.quantity) };
  });
  return posting(order, 'INVOICE', `${order.id}-INV-${fulfilment.no}`, fulfilment.locationId, lines, at);
}

/** What one return refunds, at the location that took the units back. */
export function creditNotePosting(order: PostingOrder, returnNo: number, restockLocationId: string, lines: readonly { sku: string; quantity: number; refundCentAmount: number }[], at: string): QueuedPosting {
  return posting(order, 'CREDIT_NOTE', `${order.id}-CN-${returnNo}`, restockLocationId, lines.map((l) => ({ sku: l.sku, quantity: l.quantity, netCentAmount: l.refundCentAmount })), at);
}

function posting(order: PostingOrder, kind: SalesPosting['kind'], postingId: string, locationId: string, lines: SalesPosting['lines'], at: string): QueuedPosting {
  return {
    postingId,
    orderId: order.id,
    kind,
    payload: {
      postingId,
      kind,
      orderId: order.id,
      channel: order.channel as SalesPosting['channel'],
      locationId,
      lines,
      totalCentAmount: lines.reduce((sum, l) => sum + l.netCentAmount, 0),
      currency: order.currency,
      occurredAt: at,
    },
  };
}
