// Per-request context of the product subgraph: the caller's verified claims and fresh DataLoaders.
import DataLoader from 'dataloader';
import type { Claims } from '@retail-hub/platform';
import type { Category, Product } from './services/catalog-model.js';
import type { CatalogService } from './services/catalog.service.js';
import { createCategoryProductsLoader } from './services/category-products.loader.js';
import type { ProductRepository } from './store/product.repository.js';

export interface ProductContext {
  claims: Claims;
  catalog: CatalogService;
  loaders: {
    productBySku: DataLoader<string, Product | null>;
    categoryById: DataLoader<string, Category | null>;
    categoryProducts: ReturnType<typeof createCategoryProductsLoader>;
  };
}

export function createProductContext(claims: Claims, catalog: CatalogService, products: ProductRepository): ProductContext {
  return {
    claims,
    catalog,
    loaders: {
      productBySku: new DataLoader((skus) => catalog.productsBySku(skus)),
      categoryById: new DataLoader((ids) => catalog.categoriesById(ids)),
      categoryProducts: createCategoryProductsLoader(products),
    },
  };
}
