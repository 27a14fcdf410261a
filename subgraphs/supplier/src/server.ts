// Builds the supplier subgraph (schema, store, ERP purchasing sync); never listens, so tests run it in process.
import { fileURLToPath } from 'node:url';
import { DateTimeScalar, createSubgraphServer, loadSchemaDir, migrateToLatest, openDatabase, type SubgraphDeps, type SubgraphInstance } from '@retail-hub/platform';
import type { PurchasingPort } from '@retail-hub/erp';
import { createSupplierContext, type SupplierContext } from './context.js';
import { productResolvers } from './resolvers/product.resolvers.js';
import { purchaseOrderResolvers } from './resolvers/purchase-order.resolvers.js';
import { queryResolvers } from './resolvers/query.resolvers.js';
import { supplierItemResolvers } from './resolvers/supplier-item.resolvers.js';
import { supplierResolvers } from './resolvers/supplier.resolvers.js';
import { PurchaseOrderService } from './services/purchase-order.service.js';
import { SupplierService } from './services/supplier.service.js';
import { PurchasingSync } from './sources/purchasing.sync.js';
import { supplierMigrations } from './store/migrations.js';
import { PurchaseOrderLineRepository } from './store/purchase-order-line.repository.js';
import { PurchaseOrderRepository } from './store/purchase-order.repository.js';
import { SupplierItemRepository } from './store/supplier-item.repository.js';
import type { SupplierDatabase } from './store/supplier-tables.js';
import { SupplierRepository } from './store/supplier.repository.js';

export const SUPPLIER_SCHEMA_DIR = fileURLToPath(new URL('../schema', import.meta.url));

export interface SupplierSubgraphDeps extends SubgraphDeps {
  erp: { purchasing: PurchasingPort };
  onSyncProgress?: (feed: string, records: number) => void;
}

export interface SupplierSubgraph extends SubgraphInstance<SupplierContext> {
  sync: PurchasingSync;
}

export async function createSupplierSubgraph(deps: SupplierSubgraphDeps): Promise<SupplierSubgraph> {
  const store = openDatabase<SupplierDatabase>(deps.store, { onQuery: deps.onQuery });
  const itemRepository = new SupplierItemRepository(store.db);
  const orderRepository = new PurchaseOrderRepository(store.db);
  const services = {
    suppliers: new SupplierService(new SupplierRepository(store.db), itemRepository),
    purchaseOrders: new PurchaseOrderService(orderRepository, new PurchaseOrderLineRepository(store.db)),
    itemRepository,
    orderRepository,
  };
  const sync = new PurchasingSync({ db: store.db, purchasing: deps.erp.purchasing, clock: deps.clock, logger: deps.logger, intervalMs: deps.erpSyncIntervalMs, onProgress: deps.onSyncProgress });
  const apollo = createSubgraphServer<SupplierContext>({
    typeDefs: loadSchemaDir(SUPPLIER_SCHEMA_DIR),
    resolvers: { DateTime: DateTimeScalar, ...queryResolvers, ...supplierResolvers, ...supplierItemResolvers, ...productResolvers, ...purchaseOrderResolvers } as never,
    logger: deps.logger,
    metrics: deps.metrics,
  });
  let ready = false;
  return {
    name: 'supplier',
    apollo,
    sync,
    createContext: (claims) => createSupplierContext(claims, services),
    async start() {
      await migrateToLatest(store.db, store.dialect, supplierMigrations);
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
