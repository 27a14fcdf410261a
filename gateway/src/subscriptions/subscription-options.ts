// What the gateway's subscription server accepts, each option with its default; resolved once.
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Claims } from '@retail-hub/platform';

/** Throws a GraphQLError to refuse an operation (limits, field rules); run on every subscribe before planning. */
export type OperationCheck = (args: { schema: GraphQLSchema; document: DocumentNode; operation: OperationDefinitionNode; claims: Claims }) => void;

export interface SubscriptionServerOptions {
  /** Subscriptions one connection may hold open. @default 100 */
  maxSubscriptionsPerConnection?: number;
  /** Subscriptions one caller (API key; all anonymous callers together) may hold open over all its connections. @default 5_000 */
  maxSubscriptionsPerKey?: number;
  /**
   * Distinct undelivered changes one connection may hold (changes to the same product and location replace each
   * other, so this bounds a slow client's backlog by what it watches); beyond it the connection is closed with
   * 4008 and the client reconnects. @default 10_000
   */
  maxQueuedPerConnection?: number;
  /**
   * Results one subscription may have waiting before its client counts as behind: from then on a change to a
   * product and location already waiting replaces it (the client gets the latest, not every step). @default 100
   */
  coalesceAfter?: number;
  /** Ping interval; a client that does not answer within it is dropped. @default 12_000 */
  keepAliveMs?: number;
  /** How often each API key behind open connections is checked again (revocation, expiry). @default 5_000 */
  reauthenticateMs?: number;
  /** Event executions in flight per shared subscription; beyond it changes wait, the latest per product and location. @default 64 */
  maxExecutionsInFlight?: number;
  /** Concurrent batched calls per subgraph operation from subscription executions; more events join the next batch. @default 2 */
  batchConcurrency?: number;
  /** Extra checks before planning (operation limits, field authorization). @default [] */
  checks?: OperationCheck[];
}

export type ResolvedSubscriptionOptions = Required<SubscriptionServerOptions>;

export function resolveSubscriptionOptions(options: SubscriptionServerOptions = {}): ResolvedSubscriptionOptions {
  return {
    maxSubscriptionsPerConnection: options.maxSubscriptionsPerConnection ?? 100,
    maxSubscriptionsPerKey: options.maxSubscriptionsPerKey ?? 5_000,
    maxQueuedPerConnection: options.maxQueuedPerConnection ?? 10_000,
    coalesceAfter: options.coalesceAfter ?? 100,
    keepAliveMs: options.keepAliveMs ?? 12_000,
    reauthenticateMs: options.reauthenticateMs ?? 5_000,
    maxExecutionsInFlight: options.maxExecutionsInFlight ?? 64,
    batchConcurrency: options.batchConcurrency ?? 2,
    checks: options.checks ?? [],
  };
}

/** WebSocket close codes the gateway uses besides graphql-ws's own (4403 Forbidden, 4400 bad request, ...). */
export const CLOSE = {
  /** The gateway loaded a new supergraph: reconnect and subscribe again. */
  SERVICE_RESTART: 1012,
  /** The gateway is stopping. */
  GOING_AWAY: 1001,
  /** The client read so slowly that its backlog passed maxQueuedPerConnection. */
  SLOW_CONSUMER: 4008,
  FORBIDDEN: 4403,
} as const;
