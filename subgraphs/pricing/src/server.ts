// Builds the pricing subgraph (schema, store, ERP price and location syncs, outbox relay); never listens, so tests run it in process.
import { fileURLToPath } from 'node:url';
import { createSubgraphServer, loadSchemaDir, migrateToLatest, openDatabase, ServiceEvents, type SubgraphDeps, type SubgraphInstance } from '@retail-hub/platform';
import type { PriceConditionsPort, StockLedgerPort } from '@retail-hub/erp';
import { createPricingContext, type PricingContext } from './context.js';
import { cartResolvers } from './resolvers/cart.resolvers.js';
import { productResolvers } from './resolvers/product.resolvers.js';
import { queryResolvers } from './resolvers/query.resolvers.js';
import { CartService } from './services/cart.service.js';
import { PriceService } from './services/price.service.js';
import { LocationsSync } from './sources/locations.sync.js';
import { PriceConditionsSync } from './sources/price-conditions.sync.js';
import { ListPriceRepository } from './store/list-price.repository.js';
import { LocationRepository } from './store/location.repository.js';
import { pricingMigrations } from './store/migrations.js';
import type { PricingDatabase } from './store/pricing-tables.js';

export const PRICING_SCHEMA_DIR = fileURLToPath(new URL('../schema', import.meta.url));

export interface PricingSubgraphDeps extends SubgraphDeps {
  /** stockLedger is read only for the location master (each location's region). */
  erp: { priceConditions: PriceConditionsPort; stockLedger: StockLedgerPort };
  onSyncProgress?: (feed: string, records: number) => void;
}

export interface PricingSubgraph extends SubgraphInstance<PricingContext> {
  sync: { prices: PriceConditionsSync; locations: LocationsSync };
  events: ServiceEvents;
}

export async function createPricingSubgraph(deps: PricingSubgraphDeps): Promise<PricingSubgraph> {
  const store = openDatabase<PricingDatabase>(deps.store, { onQuery: deps.onQuery });
  const prices = new PriceService(new ListPriceRepository(store.db, store.dialect), new LocationRepository(store.db), deps.clock);
  const carts = new CartService(prices);
  const events = new ServiceEvents({ service: 'pricing', db: store.db, dialect: store.dialect, bus: deps.bus, clock: deps.clock, logger: deps.logger, metrics: deps.metrics });
  const sync = {
    prices: new PriceConditionsSync({ db: store.db, dialect: store.dialect, priceConditions: deps.erp.priceConditions, events, clock: deps.clock, logger: deps.logger, intervalMs: deps.erpSyncIntervalMs, onProgress: deps.onSyncProgress }),
    locations: new LocationsSync({ db: store.db, stockLedger: deps.erp.stockLedger, logger: deps.logger, intervalMs: deps.erpSyncIntervalMs }),
  };
  const apollo = createSubgraphServer<PricingContext>({
    typeDefs: loadSchemaDir(PRICING_SCHEMA_DIR),
    resolvers: { ...queryResolvers, ...productResolvers, ...cartResolvers } as never,
    logger: deps.logger,
    metrics: deps.metrics,
  });
  let ready = false;
  return {
    name: 'pricing',
    apollo,
    sync,
    events,
    createContext: (claims) => createPricingContext(claims, prices, carts),
    async start() {
      await migrateToLatest(store.db, store.dialect, pricingMigrations);
      await apollo.start();
      // The relay runs before the first sync so the changes it announces go out at once.
      events.start();
      await sync.locations.start();
      await sync.prices.start();
      ready = true;
    },
    ready: () => ready,
    async stop() {
      ready = false;
      await sync.prices.stop();
      await sync.locations.stop();
      await events.stop();
      await apollo.stop();
      await store.close();
    },
  };
}
