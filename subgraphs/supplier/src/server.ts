// Builds the supplier subgraph (schema, store, ERP syncs, replenishment, purchase-order lifecycle); never listens, so tests run it in process.
import { fileURLToPath } from 'node:url';
import {
  type SagaRunner,
  ServiceEvents,
  Webhooks,
  buildSubgraph,
  migrateToLatest,
  openDatabase,
  type SubgraphDeps,
  type SubgraphInstance,
  afterServing,
} from '@retail-hub/platform';
import type { PurchasingPort, SalesFinancePort, StockLedgerPort } from '@retail-hub/erp';
import { createSupplierContext, type SupplierContext } from './context.js';
import { createPlanning } from './planning-wiring.js';
import { createPurchasing } from './purchasing-wiring.js';
import { mutationResolvers } from './resolvers/mutation.resolvers.js';
import { productResolvers } from './resolvers/product.resolvers.js';
import { purchaseOrderResolvers } from './resolvers/purchase-order.resolvers.js';
import { queryResolvers } from './resolvers/query.resolvers.js';
import { replenishmentResolvers } from './resolvers/replenishment.resolvers.js';
import { supplierItemResolvers } from './resolvers/supplier-item.resolvers.js';
import { supplierResolvers } from './resolvers/supplier.resolvers.js';
import type { PlanningData } from './services/planning-data.js';
import type { ErpOrderSender } from './services/purchasing/erp-order-sender.js';
import { PurchaseOrderService } from './services/purchase-order.service.js';
import type { ReplenishmentScheduler, ReplenishmentScheduleOptions } from './services/runs/replenishment-scheduler.js';
import type { ReplenishmentRunService } from './services/runs/replenishment-run.service.js';
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
  erp: { purchasing: PurchasingPort; stockLedger: StockLedgerPort; salesFinance: SalesFinancePort };
  onSyncProgress?: (feed: string, records: number) => void;
  /** The daily run and background polling. @default daily at 02:00 UTC, polled every second */
  replenishment?: Partial<ReplenishmentScheduleOptions>;
}

export interface SupplierSubgraph extends SubgraphInstance<SupplierContext> {
  sync: PurchasingSync;
  events: ServiceEvents;
  planning: PlanningData;
  runs: ReplenishmentRunService;
  scheduler: ReplenishmentScheduler;
  sender: ErpOrderSender;
  webhooks: Webhooks;
  sagas: SagaRunner;
}

export async function createSupplierSubgraph(deps: SupplierSubgraphDeps): Promise<SupplierSubgraph> {
  const store = openDatabase<SupplierDatabase>(deps.store, { onQuery: deps.onQuery });
  const events = new ServiceEvents({ service: 'supplier', db: store.db, dialect: store.dialect, bus: deps.bus, clock: deps.clock, logger: deps.logger, metrics: deps.metrics });
  const webhooks = new Webhooks({ db: store.db, clock: deps.clock, logger: deps.logger, allowedHosts: deps.webhookAllowedHosts });
  const itemRepository = new SupplierItemRepository(store.db);
  const supplierRepository = new SupplierRepository(store.db);
  const orderRepository = new PurchaseOrderRepository(store.db);
  const planning = createPlanning({ deps, db: store.db, dialect: store.dialect, events, items: itemRepository, suppliers: supplierRepository });
  const purchasing = createPurchasing({ deps, db: store.db, dialect: store.dialect, events, webhooks, planning });
  const services = {
    suppliers: new SupplierService(supplierRepository, itemRepository),
    purchaseOrders: new PurchaseOrderService(orderRepository, new PurchaseOrderLineRepository(store.db)),
    itemRepository,
    orderRepository,
    lifecycle: purchasing.lifecycle,
    runs: planning.runs,
    replenishment: planning.query,
    ...purchasing.services,
  };
  const sync = new PurchasingSync({ db: store.db, purchasing: deps.erp.purchasing, clock: deps.clock, logger: deps.logger, intervalMs: deps.erpSyncIntervalMs, onProgress: deps.onSyncProgress });
  const { apollo } = buildSubgraph<SupplierContext>({
    schemaDir: SUPPLIER_SCHEMA_DIR,
    resolvers: [queryResolvers, mutationResolvers, supplierResolvers, supplierItemResolvers, productResolvers, purchaseOrderResolvers, replenishmentResolvers],
    logger: deps.logger,
    metrics: deps.metrics,
  });
  let ready = false;
  let stopping = false;
  return {
    name: 'supplier',
    apollo,
    sync,
    events,
    planning: planning.data,
    runs: planning.runs,
    scheduler: planning.scheduler,
    sender: purchasing.sender,
    webhooks,
    sagas: purchasing.sagas,
    createContext: (claims) => createSupplierContext(claims, services),
    async start() {
      await migrateToLatest(store.db, store.dialect, supplierMigrations);
      await apollo.start();
      await sync.start();
      await planning.slots.load();
      for (const consumer of planning.consumers) await events.consume({ ...consumer, db: store.db });
      events.start();
      webhooks.start();
      purchasing.sagas.start();
      purchasing.sender.start();
      // The first start imports the ERP's sales history; the service answers meanwhile and runs wait for it.
      afterServing(deps, () => stopping, () => void planning.data.load().catch((error) => deps.logger.error({ err: error }, 'loading planning data failed')));
      planning.scheduler.start();
      ready = true;
    },
    ready: () => ready,
    async stop() {
      ready = false;
      stopping = true;
      await planning.data.stop();
      await planning.scheduler.stop();
      await purchasing.sender.stop();
      await purchasing.sagas.stop();
      await webhooks.stop();
      await sync.stop();
      await events.stop();
      await apollo.stop();
      await store.close();
    },
  };
}
