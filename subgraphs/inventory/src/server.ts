// Builds the inventory subgraph (schema, store, ERP stock-ledger sync, events); never listens, so tests run it in process.
import { fileURLToPath } from 'node:url';
import { LiveEventFeed, outboxHistory, ServiceEvents, buildSubgraph, migrateToLatest, openDatabase, type SubgraphDeps, type SubgraphInstance } from '@retail-hub/platform';
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
import { startOrderLifecycleConsumer } from './events/order-lifecycle.consumer.js';
import { startPurchaseOrderStockConsumer } from './events/purchase-order-stock.consumer.js';
import { reservationResolvers } from './resolvers/reservation.resolvers.js';
import { ReservationLedger } from './services/reservation-ledger.js';
import { ReservationSweeper } from './services/reservation-sweeper.js';
import { ReservationService } from './services/reservation.service.js';
import { StockBookingService } from './services/stock-booking.service.js';
import { createStockBookingDispatcher } from './sources/stock-booking.dispatcher.js';
import { ReservationRepository } from './store/reservation.repository.js';
import { StockBookingRepository } from './store/stock-booking.repository.js';
import { STOCK_CHANGED_V1 } from './events/stock-changed.event.js';
import { partnerSkusThroughGraph } from '@retail-hub/platform/claims/partner-skus';
import { StockChangeStreams } from './subscriptions/stock-change-streams.service.js';
import { stockChangedResolvers } from './subscriptions/stock-changed.resolvers.js';

export const INVENTORY_SCHEMA_DIR = fileURLToPath(new URL('../schema', import.meta.url));

export interface InventorySubgraphDeps extends SubgraphDeps {
  erp: { stockLedger: StockLedgerPort };
  onSyncProgress?: (feed: string, records: number) => void;
  /** How often the sweeper looks for unpaid orders' holds whose time is up. @default 1000 */
  reservationSweepIntervalMs?: number;
}

export interface InventorySubgraph extends SubgraphInstance<InventoryContext> {
  sync: StockLedgerSync;
  events: ServiceEvents;
  /** Releases lapsed holds (tests sweep now instead of waiting). */
  sweeper: ReservationSweeper;
  /** Sends shipped and returned orders' stock moves to the ERP (tests drain it). */
  stockBookings: ReturnType<typeof createStockBookingDispatcher>;
}

export async function createInventorySubgraph(deps: InventorySubgraphDeps): Promise<InventorySubgraph> {
  const store = openDatabase<InventoryDatabase>(deps.store, { onQuery: deps.onQuery });
  const events = new ServiceEvents({ service: 'inventory', db: store.db, dialect: store.dialect, bus: deps.bus, clock: deps.clock, logger: deps.logger, metrics: deps.metrics });
  const positions = new StockPositionRepository(store.db, store.dialect);
  const locations = new LocationRepository(store.db);
  const sync = new StockLedgerSync({ db: store.db, ledger: deps.erp.stockLedger, locations, positions, events, clock: deps.clock, logger: deps.logger, intervalMs: deps.erpSyncIntervalMs, onProgress: deps.onSyncProgress });
  const reservations = new ReservationRepository(store.db);
  const ledger = new ReservationLedger(reservations, deps.clock);
  const bookings = new StockBookingRepository(store.db);
  const stockBookings = createStockBookingDispatcher({ db: store.db, events, ledger: deps.erp.stockLedger, bookings, positions, reservations, clock: deps.clock, logger: deps.logger, settings: deps.erpDelivery });
  const freshness = new StockFreshness(() => sync.lastSuccessAt, deps.clock, deps.erpStaleAfterMs);
  // A supplier partner reads (and subscribes to) the stock of the SKUs it supplies only; the supplier subgraph knows which.
  const partnerSkus = partnerSkusThroughGraph(deps.graph);
  const services: InventoryServices = {
    locations: new LocationService(locations),
    stock: new StockLevelService(positions, freshness),
    adjustments: new StockAdjustmentService({ db: store.db, events, ledger: deps.erp.stockLedger, positions, locations, adjustments: new StockAdjustmentRepository(store.db), freshness, clock: deps.clock }),
    positions,
    freshness,
    reservations: new ReservationService({ db: store.db, events, reservations, ledger, positions, locations, clock: deps.clock }),
    bookings: new StockBookingService(bookings, deps.clock, () => stockBookings.kick()),
    partnerSkus,
  };
  const sweeper = new ReservationSweeper({ db: store.db, events, reservations, ledger, clock: deps.clock, logger: deps.logger, intervalMs: deps.reservationSweepIntervalMs });
  // Subscriptions (stockChanged) are fed by this service's own stock events on the bus, served over graphql-ws.
  const feed = new LiveEventFeed({ bus: deps.bus, consumer: 'inventory-live', types: [STOCK_CHANGED_V1], logger: deps.logger, history: outboxHistory(store.db, [STOCK_CHANGED_V1]) });
  const streams = new StockChangeStreams({ feed, partnerSkus });
  const { schema, apollo } = buildSubgraph<InventoryContext>({
    schemaDir: INVENTORY_SCHEMA_DIR,
    resolvers: [queryResolvers, mutationResolvers, locationResolvers, productResolvers, stockLevelResolvers, stockChangedResolvers(streams), reservationResolvers],
    logger: deps.logger,
    metrics: deps.metrics,
  });
  let ready = false;
  return {
    name: 'inventory',
    apollo,
    sync,
    events,
    sweeper,
    stockBookings,
    createContext: (claims) => createInventoryContext(claims, services),
    subscriptionSchema: schema,
    async start() {
      await migrateToLatest(store.db, store.dialect, inventoryMigrations);
      await apollo.start();
      // Before the relay starts, so events it publishes on start-up (left from a crash) reach resuming subscribers.
      await feed.start();
      await sync.start();
      events.start();
      await startOrderLifecycleConsumer({ db: store.db, events, ledger, bookings, clock: deps.clock, onBookingsQueued: () => stockBookings.kick() });
      await startPurchaseOrderStockConsumer({ db: store.db, events, ledger: deps.erp.stockLedger, positions, clock: deps.clock });
      stockBookings.start();
      sweeper.start();
      ready = true;
    },
    ready: () => ready,
    async stop() {
      ready = false;
      await sweeper.stop();
      await stockBookings.stop();
      await feed.stop();
      await sync.stop();
      await events.stop();
      await apollo.stop();
      await store.close();
    },
  };
}
