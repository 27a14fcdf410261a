// PurchaseOrder and its lines: entity references, supplier, location, lines, products.
import type { SupplierContext } from '../context.js';
import type { PurchaseOrder, PurchaseOrderLine } from '../services/supplier-model.js';

export const purchaseOrderResolvers = {
  PurchaseOrder: {
    __resolveReference: (ref: { id: string }, ctx: SupplierContext) => ctx.loaders.purchaseOrderById.load(ref.id),
    supplier: (order: PurchaseOrder, _: unknown, ctx: SupplierContext) => ctx.loaders.supplierById.load(order.supplierId),
    location: (order: PurchaseOrder) => ({ id: order.locationId }),
    lines: (order: PurchaseOrder, _: unknown, ctx: SupplierContext) => ctx.loaders.purchaseOrderLines.load(order.id),
  },
  PurchaseOrderLine: {
    product: (line: PurchaseOrderLine) => ({ sku: line.sku }),
  },
};
