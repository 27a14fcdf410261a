// SupplierItem: its supplier and the product it is for.
import type { SupplierContext } from '../context.js';
import type { SupplierItem } from '../services/supplier-model.js';

export const supplierItemResolvers = {
  SupplierItem: {
    supplier: (item: SupplierItem, _: unknown, ctx: SupplierContext) => ctx.loaders.supplierById.load(item.supplierId),
    product: (item: SupplierItem) => ({ sku: item.sku }),
  },
};
