// Builds the inventory subgraph (schema, store, ERP stock-ledger sync, events); never listens, so tests run it in process.
import { fileURLToPath } from 'node:url';
import { DateTimeScalar, ServiceEvents, createSubgraphServer, loadSchemaDir, migrateToLatest, openDatabase, type SubgraphDeps, type SubgraphInstance } from '@retail-hub/platform';
import type { StockLedgerPort } from '@retail-hub/erp';
import { createInventoryContext, type InventoryContext, type InventoryServices } from './context.js';
import { locationResolvers } from './resolvers/location.resolvers.js';
import { mutationResolvers } from './resolvers/mutation.resolvers.js';
import { productResolvers } from './resolvers/product.resolvers.js';
import { queryResolvers } from './resolvers/query.resolvers.js';
import { stockLevelResolvers } from './resolvers/stock-level.resolvers.js';
import { LocationService } from './services/location.service.js';
import { StockAdjustmentService } from './services/stock-adjustment.service.js';
import { StockFreshness } from './services/stock-freshness.js';
import { StockLevelService } from './services/stock-level.service.js';
import { StockLedgerSync } from './sources/stock-ledger.sync.js';
import type { InventoryDatabase } from './store/inventory-tables.js';
import { LocationRepository } from './store/location.repository.js';
import { inventoryMigrations } from './store/migrations.js';
import { StockAdjustmentRepository } from './store/stock-adjustment.repository.js';
import { StockPositionRepository } from './store/stock-position.repository.js';

export const INVENTORY_SCHEMA_DIR = fileURLToPath(new URL('../schema', import.meta.url));

export interface InventorySubgraphDeps extends SubgraphDeps {
  erp: { stockLedger: StockLedgerPort };
  onSyncProgress?: (feed: string, records: number) => void;
}

export interface InventorySubgraph extends SubgraphInstance<InventoryContext> {
  sync: StockLedgerSync;
  events: ServiceEvents;
}

export async function createInventorySubgraph(deps: InventorySubgraphDeps): Promise<InventorySubgraph> {
  const store = openDatabase<InventoryDatabase>(deps.store, { onQuery: deps.onQuery });
  const events = new ServiceEvents({ service: 'inventory', db: store.db, dialect: store.dialect, bus: deps.bus, clock: deps.clock, logger: deps.logger, metrics: deps.metrics });
  const positions = new StockPositionRepository(store.db, store.dialect);
  const locations = new LocationRepository(store.db);
  const sync = new StockLedgerSync({ db: store.db, ledger: deps.erp.stockLedger, locations, positions, events, clock: deps.clock, logger: deps.logger, intervalMs: deps.erpSyncIntervalMs, onProgress: deps.onSyncProgress });
  const freshness = new StockFreshness(() => sync.lastSuccessAt, deps.clock, deps.erpStaleAfterMs);
  const services: InventoryServices = {
    locations: new LocationService(locations),
    stock: new StockLevelService(positions, freshness),
    adjustments: new StockAdjustmentService({ db: store.db, events, ledger: deps.erp.stockLedger, positions, locations, adjustments: new StockAdjustmentRepository(store.db), freshness, clock: deps.clock }),
    positions,
    freshness,
  };
  const apollo = createSubgraphServer<InventoryContext>({
    typeDefs: loadSchemaDir(INVENTORY_SCHEMA_DIR),
    resolvers: { DateTime: DateTimeScalar, ...queryResolvers, ...mutationResolvers, ...locationResolvers, ...productResolvers, ...stockLevelResolvers } as never,
    logger: deps.logger,
    metrics: deps.metrics,
  });
  let ready = false;
  return {
    name: 'inventory',
    apollo,
    sync,
    events,
    createContext: (claims) => createInventoryContext(claims, services),
    async start() {
      await migrateToLatest(store.db, store.dialect, inventoryMigrations);
      await apollo.start();
      await sync.start();
      events.start();
      ready = true;
    },
    ready: () => ready,
    async stop() {
      ready = false;
      await sync.stop();
      await events.stop();
      await apollo.stop();
      await store.close();
    },
  };
}
