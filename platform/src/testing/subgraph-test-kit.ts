// What a subgraph test needs around it: deps on a fresh store, and a way to run operations as a given caller.
import type { GraphQLFormattedError } from 'graphql';
import type { LogEvent } from 'kysely';
import { InProcessBus } from '../events/in-process-bus.js';
import { ANONYMOUS, type Claims } from '../claims/claims.js';
import type { StoreConfig } from '../store/store-config.js';
import { silentLogger } from '../telemetry/logger.js';
import { createServiceMetrics } from '../telemetry/metrics.js';
import { ControllableClock } from '../time/clock.js';
import type { SubgraphDeps } from '../subgraph/subgraph-deps.js';
import type { SubgraphInstance } from '../subgraph/subgraph-instance.js';

export const TEST_CLAIMS_SECRET = 'test-claims-secret';

export function testSubgraphDeps(store: StoreConfig, overrides: Partial<SubgraphDeps> = {}): SubgraphDeps & { clock: ControllableClock; queries: LogEvent[] } {
  const queries: LogEvent[] = [];
  return {
    store,
    bus: new InProcessBus(),
    clock: new ControllableClock(),
    logger: silentLogger(),
    metrics: createServiceMetrics('test'),
    claimsSecret: TEST_CLAIMS_SECRET,
    onQuery: (e) => queries.push(e),
    erpSyncIntervalMs: 60_000,
    erpStaleAfterMs: 30_000,
    queries,
    ...overrides,
  } as SubgraphDeps & { clock: ControllableClock; queries: LogEvent[] };
}

/** Claims of an internal caller allowed everything (the gateway's dashboard or service keys). */
export const ALL_SCOPES: Claims = { sub: 'test', kind: 'key', scopes: ['*'] };

export interface OperationResult<T = any> {
  data?: T | null;
  errors?: readonly GraphQLFormattedError[];
}

/** Runs one operation against a subgraph in process, as the given caller. */
export async function execute<T = any>(instance: SubgraphInstance<any>, query: string, variables: Record<string, unknown> = {}, claims: Claims = ALL_SCOPES): Promise<OperationResult<T>> {
  const response = await instance.apollo.executeOperation({ query, variables }, { contextValue: instance.createContext(claims) });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as OperationResult<T>;
}

export { ANONYMOUS };
