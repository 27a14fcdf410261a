// Shares the work of subscriptions: one upstream per (primary fetch, its variables, access), one execution per (operation, variables, access).
import type { GraphQLDataSource } from '@apollo/gateway';
import type { Claims, Logger } from '@retail-hub/platform';
import type { GatewayContext } from '../gateway-context.js';
import { BatchingDataSource } from './batching-data-source.js';
import type { ClientQueue } from './client-queue.js';
import { EventExecutor, type FormatError } from './event-executor.js';
import { ExecutionGroup } from './execution-group.js';
import type { GatewayFederation } from './gateway-federation.js';
import type { SubscriptionMetrics } from './subscription-metrics.js';
import type { PlannedSubscription, SubscriptionPlanner } from './subscription-planner.js';
import type { ResolvedSubscriptionOptions } from './subscription-options.js';
import type { UpstreamConnections } from './upstream-connections.js';
import { UpstreamSubscription } from './upstream-subscription.js';

export interface SubscribeRequest {
  planner: SubscriptionPlanner;
  planned: PlannedSubscription;
  /** Identifies the operation document (and operation name) the plan was made for. */
  operationKey: string;
  /** Coerced against the operation's variable definitions. */
  variables: Record<string, unknown>;
  claims: Claims;
}

interface GroupEntry {
  group: ExecutionGroup;
  upstreamKey: string;
}

interface UpstreamEntry {
  upstream: UpstreamSubscription;
  subgraph: string;
  accessKey: string;
}

export interface SubscriptionRegistryOptions {
  federation: GatewayFederation;
  connections: UpstreamConnections;
  formatError: FormatError;
  metrics: SubscriptionMetrics;
  settings: ResolvedSubscriptionOptions;
  logger: Logger;
}

export class SubscriptionRegistry {
  private readonly groups = new Map<string, GroupEntry>();
  private readonly upstreams = new Map<string, UpstreamEntry>();
  private readonly accessClaims = new Map<string, Claims>();
  private readonly dataSources = new Map<string, GraphQLDataSource<GatewayContext>>();

  constructor(private readonly options: SubscriptionRegistryOptions) {}

  /** Joins (or starts) the shared work for this request; the returned function leaves it. */
  attach(request: SubscribeRequest, queue: ClientQueue): () => void {
    const accessKey = accessKeyOf(request.claims);
    const groupKey = `${request.operationKey}\n${JSON.stringify(request.variables)}\n${accessKey}`;
    let entry = this.groups.get(groupKey);
    if (!entry) entry = this.startGroup(groupKey, accessKey, request);
    entry.group.clients.add(queue);
    const joined = entry;
    return () => {
      joined.group.clients.delete(queue);
      if (joined.group.clients.size > 0 || this.groups.get(groupKey) !== joined) return;
      this.groups.delete(groupKey);
      this.leaveUpstream(joined.upstreamKey, joined.group);
    };
  }

  /** Closes every upstream (supergraph reload, shutdown); clients are closed by the server. */
  clear(): void {
    for (const { upstream, subgraph, accessKey } of this.upstreams.values()) {
      upstream.close();
      this.options.connections.release(subgraph, accessKey);
      this.options.metrics.upstreams.dec({ subgraph });
    }
    this.upstreams.clear();
    this.groups.clear();
    this.dataSources.clear();
  }

  private startGroup(groupKey: string, accessKey: string, request: SubscribeRequest): GroupEntry {
    const { planned } = request;
    const claims = this.claimsFor(accessKey, request.claims);
    const executor = new EventExecutor({
      planner: request.planner,
      planned,
      dataSources: this.batchedDataSources(request.planner.subgraphNames),
      variables: request.variables,
      claims,
      formatError: this.options.formatError,
      logger: this.options.logger,
    });
    const group = new ExecutionGroup({ executor, maxInFlight: this.options.settings.maxExecutionsInFlight, logger: this.options.logger, onCoalesced: () => this.options.metrics.events.inc({ outcome: 'coalesced' }) });
    const upstreamKey = this.joinUpstream(planned, request.variables, accessKey, claims, group);
    const entry = { group, upstreamKey };
    this.groups.set(groupKey, entry);
    return entry;
  }

  private joinUpstream(planned: PlannedSubscription, variables: Record<string, unknown>, accessKey: string, claims: Claims, group: ExecutionGroup): string {
    const subgraph = planned.primary.serviceName;
    // Clients naming their operations differently still share: the name is not part of what the subgraph runs.
    const query = planned.primary.operation.replace(/^subscription\s+[_A-Za-z][_0-9A-Za-z]*/, 'subscription');
    const primaryVariables = Object.fromEntries((planned.primary.variableUsages ?? []).filter((name) => name in variables).map((name) => [name, variables[name]]));
    const key = `${subgraph}\n${query}\n${JSON.stringify(primaryVariables)}\n${accessKey}`;
    let entry = this.upstreams.get(key);
    if (!entry) {
      const { metrics, logger } = this.options;
      const upstream = new UpstreamSubscription({
        client: this.options.connections.acquire(subgraph, accessKey, claims),
        subgraph,
        query,
        variables: primaryVariables,
        logger,
        onResubscribe: () => metrics.resubscribes.inc({ subgraph }),
        onDuplicate: () => metrics.events.inc({ outcome: 'duplicate' }),
      });
      this.upstreams.set(key, (entry = { upstream, subgraph, accessKey }));
      metrics.upstreams.inc({ subgraph });
    }
    entry.upstream.add(group);
    return key;
  }

  private leaveUpstream(key: string, group: ExecutionGroup): void {
    const entry = this.upstreams.get(key);
    if (!entry || !entry.upstream.remove(group)) return;
    this.upstreams.delete(key);
    this.options.connections.release(entry.subgraph, entry.accessKey);
    this.options.metrics.upstreams.dec({ subgraph: entry.subgraph });
  }

  /** One claims object per access, so batched calls of different groups with the same access merge. */
  private claimsFor(accessKey: string, claims: Claims): Claims {
    let shared = this.accessClaims.get(accessKey);
    if (!shared) {
      shared = { sub: 'gateway:subscriptions', kind: claims.kind, scopes: [...claims.scopes].sort(), partner: claims.partner ?? null };
      this.accessClaims.set(accessKey, shared);
    }
    return shared;
  }

  private batchedDataSources(names: readonly string[]): Record<string, GraphQLDataSource<GatewayContext>> {
    return Object.fromEntries(names.flatMap((name) => {
      const source = this.batched(name);
      return source ? [[name, source]] : [];
    }));
  }

  private batched(name: string): GraphQLDataSource<GatewayContext> | undefined {
    let source = this.dataSources.get(name);
    if (!source) {
      const inner = this.options.federation.dataSource(name);
      if (!inner) return undefined;
      this.dataSources.set(name, (source = new BatchingDataSource(inner, this.options.settings.batchConcurrency)));
    }
    return source;
  }
}

/**
 * What a subgraph may decide on: kind (anonymous or not), scopes and partner. Callers with the same access see
 * the same rows and fields, so they share upstream subscriptions and executions; the key holder's id is not in it.
 */
export function accessKeyOf(claims: Claims): string {
  const partner = claims.partner ? `${claims.partner.type}:${claims.partner.id}` : '-';
  return `${claims.kind}|${[...claims.scopes].sort().join(',')}|${partner}`;
}
