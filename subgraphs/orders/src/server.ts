// Builds the orders subgraph (schema, store, placement saga, lifecycle, ERP postings); never listens, so tests run it in process.
import { fileURLToPath } from 'node:url';
import {
  LiveEventFeed,
  SagaRunner,
  ServiceEvents,
  buildSubgraph,
  hubError,
  isGraphQLErrorWithCode,
  migrateToLatest,
  openDatabase,
  outboxHistory,
  type Dialect,
  type GraphClient,
  type SubgraphDeps,
  type SubgraphInstance,
} from '@retail-hub/platform';
import type { SalesFinancePort } from '@retail-hub/erp';
import { createOrdersContext, type OrdersContext, type OrdersServices } from './context.js';
import { startReservationExpiredConsumer } from './events/reservation-expired.consumer.js';
import { CartPricingClient } from './graph/cart-pricing.client.js';
import { LocationDirectory } from './graph/location-directory.js';
import { ReservationsClient } from './graph/reservations.client.js';
import { DAY_MS, type OrdersSettings } from './orders-settings.js';
import { erpPostingResolvers } from './resolvers/erp-posting.resolvers.js';
import { fulfilmentResolvers } from './resolvers/fulfilment.resolvers.js';
import { mutationResolvers } from './resolvers/mutation.resolvers.js';
import { orderLineResolvers } from './resolvers/order-line.resolvers.js';
import { orderResolvers } from './resolvers/order.resolvers.js';
import { queryResolvers } from './resolvers/query.resolvers.js';
import { ErpPostingService } from './services/erp-posting.service.js';
import { OrderLifecycleService } from './services/lifecycle/order-lifecycle.service.js';
import { OrderReturnService } from './services/lifecycle/order-return.service.js';
import { OrderTransitions } from './services/lifecycle/order-transitions.js';
import { OrderDetailsService } from './services/order-details.service.js';
import { OrderQueryService } from './services/order-query.service.js';
import { PlaceOrderService } from './services/placement/place-order.service.js';
import { PlacedOrderWriter } from './services/placement/placed-order.writer.js';
import { createErpPostingDispatcher, type ErpPostingDispatcher } from './sources/erp-posting.dispatcher.js';
import { ErpPostingRepository } from './store/erp-posting.repository.js';
import { IdempotencyKeyRepository } from './store/idempotency-key.repository.js';
import { ordersMigrations } from './store/migrations.js';
import { OrderFulfilmentRepository } from './store/order-fulfilment.repository.js';
import { OrderReturnRepository } from './store/order-return.repository.js';
import type { OrdersDatabase } from './store/order-tables.js';
import { OrderTimelineRepository } from './store/order-timeline.repository.js';
import { OrderRepository } from './store/order.repository.js';
import { placeOrderWorkflow } from './workflows/place-order.workflow.js';
import { ORDER_STATUS_EVENTS, OrderStatusStreams } from './subscriptions/order-status-streams.service.js';
import { orderStatusResolvers } from './subscriptions/order-status.resolvers.js';

export const ORDERS_SCHEMA_DIR = fileURLToPath(new URL('../schema', import.meta.url));

export interface OrdersSubgraphDeps extends SubgraphDeps {
  /** SalesFinance receives the lifecycle's postings (from the queue, never on a request's path). */
  erp: { salesFinance: SalesFinancePort };
  /** Accepted like every subgraph's; orders follows no ERP change feed, so it is never called. */
  onSyncProgress?: (feed: string, records: number) => void;
  settings?: OrdersSettings;
}

export interface OrdersSubgraph extends SubgraphInstance<OrdersContext> {
  /** Where orders are written (tests insert fixtures through it). */
  orders: OrderRepository;
  events: ServiceEvents;
  /** Sends queued postings to the ERP (tests drain it). */
  postings: ErpPostingDispatcher;
  /** Runs placement sagas and recovers those a dead process left (tests recover now). */
  sagas: SagaRunner;
}

export async function createOrdersSubgraph(deps: OrdersSubgraphDeps): Promise<OrdersSubgraph> {
  const settings = deps.settings ?? {};
  const store = openDatabase<OrdersDatabase>(deps.store, { onQuery: deps.onQuery });
  const db = store.db;
  const events = new ServiceEvents({ service: 'orders', db, dialect: store.dialect, bus: deps.bus, clock: deps.clock, logger: deps.logger, metrics: deps.metrics });
  const orders = new OrderRepository(db);
  const fulfilments = new OrderFulfilmentRepository(db);
  const timeline = new OrderTimelineRepository(db);
  const returns = new OrderReturnRepository(db);
  const postingRows = new ErpPostingRepository(db);
  const keys = new IdempotencyKeyRepository(db);
  const graph = deps.graph ?? noGraph;
  // Measured: a gateway hop costs more than the call itself, so placement talks to pricing and inventory directly when it can.
  const direct = (service: string) => (settings.calls === 'gateway' ? undefined : deps.subgraphGraph?.(service)) ?? graph;
  const inventoryGraph = direct('inventory');
  const directory = new LocationDirectory({ graph: inventoryGraph, logger: deps.logger });
  const pricingGraph = direct('pricing');
  const pricing = new CartPricingClient(pricingGraph, inventoryGraph);
  const reservations = new ReservationsClient(inventoryGraph);
  const dispatcher = createErpPostingDispatcher({ db, events, salesFinance: deps.erp.salesFinance, postings: postingRows, clock: deps.clock, logger: deps.logger, settings: deps.erpDelivery });
  const onPostingsQueued = () => dispatcher.kick();
  const writer = new PlacedOrderWriter({ db, events, orders, fulfilments, timeline, postings: postingRows, keys, clock: deps.clock, onPostingsQueued });
  const workflow = placeOrderWorkflow({ directory, pricing, reservations, writer, keys, clock: deps.clock, paymentWindowSeconds: Math.round((settings.paymentWindowMs ?? DAY_MS) / 1000) });
  const sagas = new SagaRunner({
    db,
    clock: deps.clock,
    logger: deps.logger,
    workflows: [workflow],
    leaseMs: settings.sagaLeaseMs,
    recoveryIntervalMs: settings.sagaRecoveryIntervalMs,
    retentionMs: settings.idempotencyRetentionMs,
    pauseAfter: settings.testPauseSagaAt,
    // After a restart the graph may not answer yet: a resumed placement waits for it rather than undoing itself.
    isTransient: (error) => isGraphQLErrorWithCode(error, 'SERVICE_UNAVAILABLE'),
  });
  const transitions = new OrderTransitions({ db, events, orders, fulfilments, timeline, postings: postingRows, clock: deps.clock, onPostingsQueued });
  const services: OrdersServices = {
    orderQueries: new OrderQueryService(orders),
    details: new OrderDetailsService(fulfilments, timeline, returns),
    placement: new PlaceOrderService({ runner: sagas, workflow, keys, orders, clock: deps.clock, maxConcurrent: placementConcurrency(settings, store.dialect, pricingGraph, inventoryGraph) }),
    lifecycle: new OrderLifecycleService(transitions, fulfilments, reservations),
    returns: new OrderReturnService(transitions, orders, returns, directory),
    postings: new ErpPostingService({ db, events, postings: postingRows, clock: deps.clock, onRequeued: onPostingsQueued }),
  };
  // orderStatusChanged is fed by this service's own order events on the bus, served over graphql-ws.
  const feed = new LiveEventFeed({ bus: deps.bus, consumer: 'orders-live', types: ORDER_STATUS_EVENTS, logger: deps.logger, history: outboxHistory(db, ORDER_STATUS_EVENTS) });
  const statusStreams = new OrderStatusStreams({ feed, orderQueries: services.orderQueries });
  const { schema, apollo } = buildSubgraph<OrdersContext>({
    schemaDir: ORDERS_SCHEMA_DIR,
    resolvers: [queryResolvers, mutationResolvers, orderResolvers, orderLineResolvers, fulfilmentResolvers, erpPostingResolvers, orderStatusResolvers(statusStreams)],
    logger: deps.logger,
    metrics: deps.metrics,
  });
  let ready = false;
  let keyCleanup: NodeJS.Timeout | null = null;
  const retention = settings.idempotencyRetentionMs ?? DAY_MS;
  const cleanKeys = () =>
    keys.deleteCompletedBefore(new Date(deps.clock.now().getTime() - retention).toISOString()).catch((err) => deps.logger.warn({ err }, 'idempotency key cleanup failed'));
  return {
    name: 'orders',
    apollo,
    orders,
    events,
    postings: dispatcher,
    sagas,
    createContext: (claims) => createOrdersContext(claims, services),
    subscriptionSchema: schema,
    async start() {
      await migrateToLatest(db, store.dialect, ordersMigrations);
      await apollo.start();
      await startReservationExpiredConsumer({ events, db, lifecycle: services.lifecycle });
      // Before the relay starts, so events it publishes on start-up (left from a crash) reach resuming subscribers.
      await feed.start();
      events.start();
      dispatcher.start();
      sagas.start();
      keyCleanup = setInterval(() => void cleanKeys(), 10 * 60_000);
      keyCleanup.unref();
      ready = true;
    },
    ready: () => ready,
    async stop() {
      ready = false;
      if (keyCleanup) clearInterval(keyCleanup);
      await feed.stop();
      await sagas.stop();
      await dispatcher.stop();
      await events.stop();
      await apollo.stop();
      await store.close();
    },
  };
}

/** Without a graph (a test of the read side) placement has nothing to price or hold stock with. */
const noGraph: GraphClient = {
  request: () => Promise.reject(hubError('SERVICE_UNAVAILABLE', 'the orders service has no graph to call')),
};

/**
 * How many placements run side by side (docs/decisions/0024). With a SQLite store and pricing and inventory in this
 * process, a placement waits on nothing but its own work: running more at once only interleaves them, so each
 * finishes later and the order they finish in scatters (the p99 of the placement benchmark rose 15%). Two, so one
 * can go on while the other briefly waits for its store. A placement that waits on sockets (PostgreSQL, a subgraph
 * elsewhere) needs many in flight to keep them busy. A placement paused for a crash test (testPauseSagaAt) never
 * finishes and would keep its place for good, so then there is no limit.
 */
function placementConcurrency(settings: OrdersSettings, dialect: Dialect, ...graphs: GraphClient[]): number {
  if (settings.testPauseSagaAt) return Infinity;
  return dialect === 'sqlite' && graphs.every((g) => g.inProcess) ? 2 : 32;
}
