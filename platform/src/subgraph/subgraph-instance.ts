// The shape every subgraph's server.ts builds: an ApolloServer plus its background work, never listening itself.
import type { ApolloServer, BaseContext } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { Claims } from '../claims/claims.js';
import type { RouteHandler } from '../http/service-http-server.js';

export interface SubgraphInstance<TContext extends BaseContext = BaseContext> {
  name: string;
  apollo: ApolloServer<TContext>;
  /** Per-request context for verified claims (tests pass it to executeOperation). */
  createContext(claims: Claims): TContext;
  /** Routes besides /graphql, /health, /ready and /metrics (e.g. webhooks, admin). */
  extraRoutes?: Record<string, RouteHandler>;
  /** When set, its subscriptions are served over graphql-ws on /graphql (see attachSubgraphSubscriptions). */
  subscriptionSchema?: GraphQLSchema;
  /** Starts Apollo and the background work (ERP sync, outbox relay, consumers); resolves when ready. */
  start(): Promise<void>;
  ready(): boolean;
  stop(): Promise<void>;
}

/** Any subgraph, whatever its context type: what launchers and the HTTP layer hold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySubgraphInstance = SubgraphInstance<any>;
