// Product (owned by the product subgraph): who supplies it, and its primary supplier.
import type { SupplierContext } from '../context.js';

interface ProductRef {
  sku: string;
}

export const productResolvers = {
  Product: {
    // The product subgraph owns products; here a reference is only a SKU to hang suppliers on, so nothing to load.
    __resolveReference: (ref: ProductRef) => ({ sku: ref.sku }),
    suppliers: (product: ProductRef, _: unknown, ctx: SupplierContext) => ctx.loaders.supplierItemsBySku.load(product.sku),
    primarySupplier: async (product: ProductRef, _: unknown, ctx: SupplierContext) => ctx.suppliers.primaryOf(await ctx.loaders.supplierItemsBySku.load(product.sku)),
  },
};
