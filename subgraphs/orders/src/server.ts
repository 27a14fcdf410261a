// Builds the orders subgraph (schema, store); never listens, so tests run it in process.
import { fileURLToPath } from 'node:url';
import { DateTimeScalar, createSubgraphServer, loadSchemaDir, migrateToLatest, openDatabase, type SubgraphDeps, type SubgraphInstance } from '@retail-hub/platform';
import type { SalesFinancePort } from '@retail-hub/erp';
import { createOrdersContext, type OrdersContext } from './context.js';
import { orderLineResolvers } from './resolvers/order-line.resolvers.js';
import { orderResolvers } from './resolvers/order.resolvers.js';
import { queryResolvers } from './resolvers/query.resolvers.js';
import { OrderQueryService } from './services/order-query.service.js';
import { ordersMigrations } from './store/migrations.js';
import type { OrdersDatabase } from './store/order-tables.js';
import { OrderRepository } from './store/order.repository.js';

export const ORDERS_SCHEMA_DIR = fileURLToPath(new URL('../schema', import.meta.url));

export interface OrdersSubgraphDeps extends SubgraphDeps {
  /** SalesFinance receives the order lifecycle's postings; the read side does not call it yet. */
  erp: { salesFinance: SalesFinancePort };
  /** Accepted like every subgraph's; orders follows no ERP change feed, so it is never called. */
  onSyncProgress?: (feed: string, records: number) => void;
}

export interface OrdersSubgraph extends SubgraphInstance<OrdersContext> {
  /** Where orders are written (placement later; tests now). */
  orders: OrderRepository;
}

export async function createOrdersSubgraph(deps: OrdersSubgraphDeps): Promise<OrdersSubgraph> {
  const store = openDatabase<OrdersDatabase>(deps.store, { onQuery: deps.onQuery });
  const orders = new OrderRepository(store.db);
  const orderQueries = new OrderQueryService(orders);
  const apollo = createSubgraphServer<OrdersContext>({
    typeDefs: loadSchemaDir(ORDERS_SCHEMA_DIR),
    resolvers: { DateTime: DateTimeScalar, ...queryResolvers, ...orderResolvers, ...orderLineResolvers } as never,
    logger: deps.logger,
    metrics: deps.metrics,
  });
  let ready = false;
  return {
    name: 'orders',
    apollo,
    orders,
    createContext: (claims) => createOrdersContext(claims, orderQueries),
    async start() {
      await migrateToLatest(store.db, store.dialect, ordersMigrations);
      await apollo.start();
      ready = true;
    },
    ready: () => ready,
    async stop() {
      ready = false;
      await apollo.stop();
      await store.close();
    },
  };
}
