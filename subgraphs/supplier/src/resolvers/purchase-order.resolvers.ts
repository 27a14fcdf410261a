// PurchaseOrder and its lines: entity references, supplier, location, lines, products, ship notices and receipts.
import type { SupplierContext } from '../context.js';
import type { PurchaseOrder, PurchaseOrderLine } from '../services/supplier-model.js';
import type { ReceiptRow, ShipNoticeRow } from '../store/purchase-order-lifecycle.repository.js';

/** Ship notices and receipts keep their lines as JSON [{ sku, quantity }]. */
const skuQuantities = (json: string) => (JSON.parse(json) as { sku: string; quantity: number }[]).map((l) => ({ product: { sku: l.sku }, quantity: l.quantity }));

export const purchaseOrderResolvers = {
  PurchaseOrder: {
    __resolveReference: (ref: { id: string }, ctx: SupplierContext) => ctx.loaders.purchaseOrderById.load(ref.id),
    supplier: (order: PurchaseOrder, _: unknown, ctx: SupplierContext) => ctx.loaders.supplierById.load(order.supplierId),
    location: (order: PurchaseOrder) => ({ id: order.locationId }),
    lines: (order: PurchaseOrder, _: unknown, ctx: SupplierContext) => ctx.loaders.purchaseOrderLines.load(order.id),
    shipNotices: (order: PurchaseOrder, _: unknown, ctx: SupplierContext) => ctx.loaders.shipNotices.load(order.id),
    receipts: (order: PurchaseOrder, _: unknown, ctx: SupplierContext) => ctx.loaders.receipts.load(order.id),
  },
  AdvanceShipNotice: {
    expectedDate: (n: ShipNoticeRow) => n.expected_date,
    trackingNumber: (n: ShipNoticeRow) => n.tracking_number,
    postedAt: (n: ShipNoticeRow) => n.posted_at,
    lines: (n: ShipNoticeRow) => skuQuantities(n.lines),
  },
  PurchaseOrderReceipt: {
    receiptId: (r: ReceiptRow) => r.receipt_id,
    receivedAt: (r: ReceiptRow) => r.received_at,
    lines: (r: ReceiptRow) => skuQuantities(r.lines),
  },
  PurchaseOrderLine: {
    product: (line: PurchaseOrderLine) => ({ sku: line.sku }),
  },
};
