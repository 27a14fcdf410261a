// Builds the product subgraph (schema, store, ERP item-master sync); never listens, so tests run it in process.
import { fileURLToPath } from 'node:url';
import { buildSubgraph, migrateToLatest, openDatabase, type SubgraphDeps, type SubgraphInstance } from '@retail-hub/platform';
import { partnerSkusThroughGraph } from '@retail-hub/platform/claims/partner-skus';
import type { ItemMasterPort } from '@retail-hub/erp';
import { createProductContext, type ProductContext } from './context.js';
import { categoryResolvers } from './resolvers/category.resolvers.js';
import { productResolvers } from './resolvers/product.resolvers.js';
import { queryResolvers } from './resolvers/query.resolvers.js';
import { CatalogService } from './services/catalog.service.js';
import { ItemMasterSync } from './sources/item-master.sync.js';
import { CategoryRepository } from './store/category.repository.js';
import { productMigrations } from './store/migrations.js';
import type { ProductDatabase } from './store/product-tables.js';
import { ProductRepository } from './store/product.repository.js';

export const PRODUCT_SCHEMA_DIR = fileURLToPath(new URL('../schema', import.meta.url));

export interface ProductSubgraphDeps extends SubgraphDeps {
  erp: { itemMaster: ItemMasterPort };
  onSyncProgress?: (feed: string, records: number) => void;
}

export interface ProductSubgraph extends SubgraphInstance<ProductContext> {
  sync: ItemMasterSync;
}

export async function createProductSubgraph(deps: ProductSubgraphDeps): Promise<ProductSubgraph> {
  const store = openDatabase<ProductDatabase>(deps.store, { onQuery: deps.onQuery });
  const products = new ProductRepository(store.db);
  const catalog = new CatalogService(products, new CategoryRepository(store.db));
  // Which products a supplier partner may see: the SKUs it supplies, from the supplier subgraph via the graph.
  const partnerSkus = partnerSkusThroughGraph(deps.graph);
  const sync = new ItemMasterSync({ db: store.db, itemMaster: deps.erp.itemMaster, clock: deps.clock, logger: deps.logger, intervalMs: deps.erpSyncIntervalMs, onProgress: deps.onSyncProgress });
  const { apollo } = buildSubgraph<ProductContext>({
    schemaDir: PRODUCT_SCHEMA_DIR,
    resolvers: [queryResolvers, productResolvers, categoryResolvers],
    logger: deps.logger,
    metrics: deps.metrics,
  });
  let ready = false;
  return {
    name: 'product',
    apollo,
    sync,
    createContext: (claims) => createProductContext(claims, catalog, products, partnerSkus),
    async start() {
      await migrateToLatest(store.db, store.dialect, productMigrations);
      await apollo.start();
      await sync.start();
      ready = true;
    },
    ready: () => ready,
    async stop() {
      ready = false;
      await sync.stop();
      await apollo.stop();
      await store.close();
    },
  };
}
