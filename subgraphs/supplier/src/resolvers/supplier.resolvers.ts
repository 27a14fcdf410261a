// Supplier: entity references, its items and its purchase orders.
import type { SupplierContext } from '../context.js';
import type { PurchaseOrderFilterInput } from '../services/purchase-order-query.js';
import type { Supplier } from '../services/supplier-model.js';

export const supplierResolvers = {
  Supplier: {
    __resolveReference: (ref: { id: string }, ctx: SupplierContext) => ctx.loaders.supplierById.load(ref.id),
    items: (supplier: Supplier, args: { first?: number; after?: string }, ctx: SupplierContext) =>
      ctx.loaders.supplierItems.load({ parentId: supplier.id, first: args.first, after: args.after }),
    purchaseOrders: (supplier: Supplier, args: { filter?: PurchaseOrderFilterInput; first?: number; after?: string }, ctx: SupplierContext) =>
      ctx.loaders.supplierPurchaseOrders.load({ parentId: supplier.id, filter: args.filter, first: args.first, after: args.after }),
  },
};
