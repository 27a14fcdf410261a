// What every subgraph gets from whoever starts it (the embedded launcher, a service process, a test).
import type { LogEvent } from 'kysely';
import type { Logger } from 'pino';
import type { EventBus } from '../events/event-bus.port.js';
import type { GraphClient } from '../graph/graph-client.js';
import type { ErpDeliverySettings } from '../resilience/erp-delivery-settings.js';
import type { StoreConfig } from '../store/store-config.js';
import type { ServiceMetrics } from '../telemetry/metrics.js';
import type { Clock } from '../time/clock.js';

export interface SubgraphDeps {
  store: StoreConfig;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  metrics: ServiceMetrics;
  /** Shared with the gateway: verifies the signed claims on every request. */
  claimsSecret: string;
  /** Calls the graph (through the gateway) with this service's credential: cross-domain reads and commands. */
  graph?: GraphClient;
  /**
   * Calls one other subgraph directly with this service's credential, skipping the gateway, for hot
   * internal paths (orders pricing a cart, holding stock); undefined when that subgraph's URL is not
   * known here (use `graph` then). Only for fields the called subgraph resolves on its own.
   */
  subgraphGraph?: (service: string) => GraphClient | undefined;
  /** Called for every store query (tests count them). */
  onQuery?: (event: LogEvent) => void;
  /** How often the ERP projections poll the ERP's change feed. @default 2000 */
  erpSyncIntervalMs?: number;
  /** A projection not confirmed by the ERP for this long is reported stale. @default 30000 */
  erpStaleAfterMs?: number;
  /** Pacing, retries and circuit breaker of work a service sends to the ERP from its own queue (postings, stock bookings). */
  erpDelivery?: ErpDeliverySettings;
  /** Hosts outbound webhooks may be registered for and sent to (see webhookTargetProblem). @default loopback only */
  webhookAllowedHosts?: string[];
  /**
   * Resolves once the launcher is serving (the gateway answers). Heavy first-start loading (the ERP's
   * sales history, whole-stock views) waits for it: in the embedded mode every service shares one
   * process, and that work would otherwise hold up the hub's start by tens of seconds. @default at once
   */
  serving?: Promise<void>;
}
