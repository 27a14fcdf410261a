// Builds the pricing subgraph (schema, store, ERP syncs, promotions and their background work); never listens, so tests run it in process.
import { fileURLToPath } from 'node:url';
import {
  buildSubgraph,
  LiveEventFeed,
  migrateToLatest,
  openDatabase,
  outboxHistory,
  ServiceEvents,
  Webhooks,
  type SubgraphDeps,
  type SubgraphInstance,
  type WebhooksOptions,
  afterServing,
} from '@retail-hub/platform';
import type { PriceConditionsPort, SalesFinancePort, StockLedgerPort } from '@retail-hub/erp';
import { createPricingContext, type PricingContext } from './context.js';
import { consumeStockChanges } from './events/stock-changed.consumer.js';
import { PricePublicationService } from './publication/price-publication.service.js';
import { PromotionClockJob } from './publication/promotion-clock.job.js';
import { PRICE_BATCH_RENDERER } from './publication/publication-routing.js';
import { createPublicationRenderer } from './publication/publication.renderer.js';
import { WebhookAdminService } from './publication/webhook-admin.service.js';
import { cartResolvers } from './resolvers/cart.resolvers.js';
import { mutationResolvers } from './resolvers/mutation.resolvers.js';
import { productResolvers } from './resolvers/product.resolvers.js';
import { promotionResolvers } from './resolvers/promotion.resolvers.js';
import { queryResolvers } from './resolvers/query.resolvers.js';
import { webhookResolvers } from './resolvers/webhook.resolvers.js';
import { CartService } from './services/cart.service.js';
import { PriceService } from './services/price.service.js';
import { ActivePromotionsService } from './services/promotions/active-promotions.service.js';
import { PromotionExceptionService } from './services/promotions/promotion-exception.service.js';
import { PromotionLifecycleService } from './services/promotions/promotion-lifecycle.service.js';
import type { PromotionServices } from './services/promotions/promotion-services.js';
import { PromotionValidationService } from './services/promotions/promotion-validation.service.js';
import { PromotionService } from './services/promotions/promotion.service.js';
import { CatalogGraphSource } from './sources/catalog.graph-source.js';
import { LocationsSync } from './sources/locations.sync.js';
import { PriceConditionsSync } from './sources/price-conditions.sync.js';
import { SALES_HISTORY_FEED, SalesHistorySync } from './sources/sales-history.sync.js';
import { StockLevelsBootstrap } from './sources/stock-levels.graph-source.js';
import { pricingMigrations } from './store/migrations.js';
import type { PricingDatabase } from './store/pricing-tables.js';
import { createPromotionStores } from './store/promotion-stores.js';
import { PROMOTION_STATUS_EVENTS, PromotionStatusStreams } from './subscriptions/promotion-status-streams.service.js';
import { promotionStatusResolvers } from './subscriptions/promotion-status.resolvers.js';

export const PRICING_SCHEMA_DIR = fileURLToPath(new URL('../schema', import.meta.url));

export interface PricingSubgraphDeps extends SubgraphDeps {
  /** stockLedger is read only for the location master (each location's region); salesFinance for baseline demand. */
  erp: { priceConditions: PriceConditionsPort; stockLedger: StockLedgerPort; salesFinance?: SalesFinancePort };
  onSyncProgress?: (feed: string, records: number) => void;
  /** How often the go-live/end job compares promotion windows with the clock. @default 1000 */
  promotionClockIntervalMs?: number;
  /** Webhook retry and send settings (tests shorten the backoff). */
  webhooks?: Partial<Omit<WebhooksOptions, 'db' | 'clock' | 'logger'>>;
  /** The online fulfilment centre (ECOMMERCE and MOBILE). @default the first ECOM_FC location */
  onlineLocationId?: string;
  /** Test-only (HUB_TEST_PAUSE_SAGA_AT): a live validation stops for good after this step, so a test can kill the process there. */
  testPauseSagaAt?: string;
}

export interface PricingSubgraph extends SubgraphInstance<PricingContext> {
  sync: { prices: PriceConditionsSync; locations: LocationsSync; salesHistory: SalesHistorySync | null; stockView: StockLevelsBootstrap };
  events: ServiceEvents;
  promotions: PromotionServices;
  clockJob: PromotionClockJob;
  webhooks: Webhooks;
}

export async function createPricingSubgraph(deps: PricingSubgraphDeps): Promise<PricingSubgraph> {
  const store = openDatabase<PricingDatabase>(deps.store, { onQuery: deps.onQuery });
  const stores = createPromotionStores(store.db, store.dialect);
  let onlineLocationId: string | null = deps.onlineLocationId ?? null;
  const active = new ActivePromotionsService(stores.active, deps.clock, () => onlineLocationId);
  const prices = new PriceService(stores.listPrices, stores.locations, deps.clock, active);
  const carts = new CartService(prices);
  const events = new ServiceEvents({ service: 'pricing', db: store.db, dialect: store.dialect, bus: deps.bus, clock: deps.clock, logger: deps.logger, metrics: deps.metrics });
  const webhooks = new Webhooks({ db: store.db, clock: deps.clock, logger: deps.logger, allowedHosts: deps.webhookAllowedHosts, ...deps.webhooks });
  webhooks.registerRenderer(PRICE_BATCH_RENDERER, createPublicationRenderer(stores.publications));
  const catalog = new CatalogGraphSource(deps.graph);
  const sync = {
    prices: new PriceConditionsSync({ db: store.db, dialect: store.dialect, priceConditions: deps.erp.priceConditions, events, clock: deps.clock, logger: deps.logger, intervalMs: deps.erpSyncIntervalMs, onProgress: deps.onSyncProgress }),
    locations: new LocationsSync({ db: store.db, stockLedger: deps.erp.stockLedger, logger: deps.logger, intervalMs: deps.erpSyncIntervalMs }),
    salesHistory: deps.erp.salesFinance ? new SalesHistorySync({ db: store.db, dialect: store.dialect, salesFinance: deps.erp.salesFinance, clock: deps.clock, logger: deps.logger, intervalMs: deps.erpSyncIntervalMs }) : null,
    stockView: new StockLevelsBootstrap({
      db: store.db,
      demand: stores.demand,
      graph: deps.graph,
      clock: deps.clock,
      logger: deps.logger,
      skus: async () => [...new Set((await store.db.selectFrom('list_price').select('sku').distinct().orderBy('sku').execute()).map((r) => r.sku))],
      locationIds: async () => (await stores.locations.all()).filter((l) => l.type === 'STORE' || l.type === 'ECOM_FC').map((l) => l.id),
    }),
  };
  const publication = new PricePublicationService(stores, events, webhooks, deps.clock, deps.logger);
  const clockJob = new PromotionClockJob({ stores, publication, clock: deps.clock, logger: deps.logger, intervalMs: deps.promotionClockIntervalMs });
  const validation = new PromotionValidationService({
    stores,
    catalog,
    clock: deps.clock,
    logger: deps.logger,
    onlineLocationId: deps.onlineLocationId ?? null,
    inputsReady: async () => ({ demand: await feedCaughtUp(store.db, SALES_HISTORY_FEED), stock: await sync.stockView.done() }),
  }, { pauseAfter: deps.testPauseSagaAt });
  const promotions: PromotionServices = {
    stores,
    definitions: new PromotionService(stores, catalog, deps.clock),
    validation,
    lifecycle: new PromotionLifecycleService(stores, events, publication, webhooks, deps.clock, () => void clockJob.runNow()),
    exceptions: new PromotionExceptionService(stores, deps.clock),
    webhooks: new WebhookAdminService(webhooks, stores.locations),
  };
  // promotionStatusChanged is fed by this service's own promotion events on the bus, served over graphql-ws.
  const feed = new LiveEventFeed({ bus: deps.bus, consumer: 'pricing-live', types: PROMOTION_STATUS_EVENTS, logger: deps.logger, history: outboxHistory(store.db, PROMOTION_STATUS_EVENTS) });
  const { schema, apollo } = buildSubgraph<PricingContext>({
    schemaDir: PRICING_SCHEMA_DIR,
    resolvers: [queryResolvers, mutationResolvers, productResolvers, cartResolvers, promotionResolvers, webhookResolvers, promotionStatusResolvers(new PromotionStatusStreams(feed))],
    logger: deps.logger,
    metrics: deps.metrics,
  });
  let ready = false;
  let stopping = false;
  return {
    name: 'pricing',
    apollo,
    sync,
    events,
    promotions,
    clockJob,
    webhooks,
    createContext: (claims) => createPricingContext(claims, prices, carts, promotions),
    subscriptionSchema: schema,
    async start() {
      await migrateToLatest(store.db, store.dialect, pricingMigrations);
      await apollo.start();
      // Before the relay starts, so events it publishes on start-up (left from a crash) reach resuming subscribers.
      await feed.start();
      // The relay runs before the first sync so the changes it announces go out at once.
      events.start();
      await sync.locations.start();
      await sync.prices.start();
      onlineLocationId ??= (await stores.locations.all()).find((l) => l.type === 'ECOM_FC')?.id ?? null;
      // The stock view: events from now on, then its first load through the graph (once the gateway answers).
      await consumeStockChanges(events, store.db, stores.demand);
      afterServing(deps, () => stopping, () => {
        sync.salesHistory?.startInBackground();
        sync.stockView.startInBackground();
      });
      webhooks.start();
      validation.start();
      clockJob.start();
      ready = true;
    },
    ready: () => ready,
    async stop() {
      ready = false;
      stopping = true;
      await feed.stop();
      await clockJob.stop();
      await validation.stop();
      await webhooks.stop();
      await sync.stockView.stop();
      await sync.salesHistory?.stop();
      await sync.prices.stop();
      await sync.locations.stop();
      await events.stop();
      await apollo.stop();
      await store.close();
    },
  };
}

async function feedCaughtUp(db: PricingSubgraph['promotions']['stores']['db'], feed: string): Promise<boolean> {
  const row = await db.selectFrom('sync_state').select('caught_up').where('feed', '=', feed).executeTakeFirst();
  return row?.caught_up === 1;
}
