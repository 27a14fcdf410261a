// Per-request context of the product subgraph: the caller's verified claims and fresh DataLoaders.
import DataLoader from 'dataloader';
import type { Claims } from '@retail-hub/platform';
import { partnerSkuScope, type PartnerSkuSource } from '@retail-hub/platform/claims/partner-skus';
import type { Category, Product } from './services/catalog-model.js';
import type { CatalogService } from './services/catalog.service.js';
import { createCategoryProductsLoader } from './services/category-products.loader.js';
import type { ProductRepository } from './store/product.repository.js';

export interface ProductContext {
  claims: Claims;
  catalog: CatalogService;
  /** A supplier partner's own SKUs (the only products it may see); null for everyone else. */
  partnerSkus: () => Promise<ReadonlySet<string> | null>;
  loaders: {
    productBySku: DataLoader<string, Product | null>;
    categoryById: DataLoader<string, Category | null>;
    categoryProducts: ReturnType<typeof createCategoryProductsLoader>;
  };
}

export function createProductContext(claims: Claims, catalog: CatalogService, products: ProductRepository, partnerSkuSource: PartnerSkuSource): ProductContext {
  const partnerSkus = partnerSkuScope(claims, partnerSkuSource);
  return {
    claims,
    catalog,
    partnerSkus,
    loaders: {
      // Every way to a product (by SKU, entity reference, nested field) goes through here: a partner gets null for others'.
      productBySku: new DataLoader(async (skus) => {
        const [found, allowed] = await Promise.all([catalog.productsBySku(skus), partnerSkus()]);
        return allowed ? found.map((p) => (p && allowed.has(p.sku) ? p : null)) : found;
      }),
      categoryById: new DataLoader((ids) => catalog.categoriesById(ids)),
      categoryProducts: createCategoryProductsLoader(products, partnerSkus),
    },
  };
}
