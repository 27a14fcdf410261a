// Starts the hub in one process: the embedded ERP (seeded on first run), the subgraphs, the gateway.
import { erpWithFaults, FaultSwitch, instrumentErpPorts, openEmbeddedErp, parseFaultSettings, type EmbeddedErp } from '@retail-hub/erp';
import {
  createLogger,
  createServiceMetrics,
  ensurePostgresDatabase,
  InProcessBus,
  connectNatsBus,
  serveSubgraph,
  startTracing,
  storeFor,
  ControllableClock,
  createGraphClient,
  createInProcessGraphClient,
  type EventBus,
  type HubConfig,
  type Logger,
  type RunningHttpServer,
  type ServiceMetrics,
  type ServiceName,
  type AnySubgraphInstance,
} from '@retail-hub/platform';
import type { LogEvent } from 'kysely';
import { ProgressReporter } from './progress-reporter.js';
import { SUBGRAPH_FACTORIES } from './subgraph-factories.js';
import { adminRoutes } from './admin/admin-routes.js';
import { startGatewayFor, type RunningGateway } from './start-gateway.js';
import { startGatewayThread } from './start-gateway-thread.js';

export interface StartHubOptions {
  progress?: ProgressReporter;
  clock?: ControllableClock;
  /** Counts store queries per service (tests). */
  onQuery?: (service: ServiceName, event: LogEvent) => void;
  logger?: Logger;
  /**
   * Runs the gateway on a worker thread when this process also runs services (`npm start`), so it has a core of
   * its own; tests leave it on their thread to reach into it. The thread logs through its own logger (`logger`
   * above reaches only this thread). @default false
   */
  gatewayThread?: boolean;
}

export interface RunningSubgraph {
  instance: AnySubgraphInstance;
  http: RunningHttpServer;
  metrics: ServiceMetrics;
}

export interface RunningHub {
  config: HubConfig;
  clock: ControllableClock;
  erp: EmbeddedErp;
  faults: FaultSwitch;
  bus: EventBus;
  subgraphs: Partial<Record<ServiceName, RunningSubgraph>>;
  gateway: RunningGateway | null;
  stop(): Promise<void>;
}

export async function startHub(config: HubConfig, options: StartHubOptions = {}): Promise<RunningHub> {
  const progress = options.progress ?? new ProgressReporter();
  // One clock for every service, movable through /admin/clock in development (promotion go-live, expiry).
  const clock = options.clock ?? new ControllableClock();
  const rootLogger = options.logger ?? createLogger('hub', config.logLevel);
  startTracing('retail-hub');

  const erp = await openEmbeddedErp(config.erp.file);
  const seeded = await erp.seedIfEmpty({
    ...config.seed,
    onProgress: (step, done, total) => progress.step(`Seeding ${step}`, done, total),
  });
  if (seeded) progress.note(`Seeded the synthetic retailer in ${(seeded.ms / 1000).toFixed(1)} s: ${seeded.skus} SKUs, ${seeded.locations} locations, ${seeded.suppliers} suppliers, ${seeded.stockPositions.toLocaleString('en-US')} stock positions.`);
  const faults = new FaultSwitch(parseFaultSettings(config.erp.faults));
  const erpPorts = erpWithFaults(erp.ports, faults);
  // The in-process bus holds events until every service here has subscribed (JetStream keeps them for late consumers).
  const inProcessBus = config.bus.kind === 'memory' ? new InProcessBus(rootLogger.child({ component: 'bus' }), { heldUntilOpen: true }) : null;
  const bus: EventBus = config.bus.kind === 'nats' ? await connectNatsBus({ servers: config.bus.url, logger: rootLogger }) : inProcessBus!;

  const subgraphs: RunningHub['subgraphs'] = {};
  // Heavy first-start loading (sales history, stock views) waits until the hub is serving; see SubgraphDeps.serving.
  let markServing!: () => void;
  const serving = new Promise<void>((resolve) => (markServing = resolve));
  const running: RunningHub = {
    config,
    clock,
    erp,
    faults,
    bus,
    subgraphs,
    gateway: null,
    async stop() {
      await running.gateway?.stop();
      // Services stop one by one; events published meanwhile must not go to some consumers and skip the stopped ones.
      await inProcessBus?.close();
      for (const { instance, http } of Object.values(subgraphs).reverse()) {
        await http.close();
        await instance.stop();
      }
      await bus.close();
      await erp.close();
    },
  };
  // Node's own metrics (event-loop lag, heap, GC) describe the thread that collects them, so one registry per
  // thread has them: the gateway's when it runs on this thread, else the first subgraph's.
  const gatewayOnThisThread = config.services.includes('gateway') && !options.gatewayThread;
  try {
    for (const [name, factory] of Object.entries(SUBGRAPH_FACTORIES) as [ServiceName, NonNullable<(typeof SUBGRAPH_FACTORIES)[ServiceName]>][]) {
      if (!config.services.includes(name)) continue;
      const logger = options.logger?.child({ service: name }) ?? createLogger(name, config.logLevel);
      const metrics = createServiceMetrics(name, { processMetrics: !gatewayOnThisThread && Object.keys(subgraphs).length === 0 });
      const store = storeFor(config, name);
      if (store.dialect === 'postgres') await ensurePostgresDatabase(store.url);
      const instance = await factory(
        {
          store,
          bus,
          clock,
          logger,
          metrics,
          claimsSecret: config.claimsSecret,
          graph: createGraphClient({ service: name, secret: config.claimsSecret, url: () => graphUrl(running, config) }),
          // A subgraph in this process is called in process; one elsewhere at its configured URL.
          subgraphGraph: (target) => {
            const url = config.gateway.subgraphUrls[target as ServiceName];
            if (url) return createGraphClient({ service: name, secret: config.claimsSecret, url });
            const local = subgraphs[target as ServiceName];
            return local ? createInProcessGraphClient(local.instance, name) : undefined;
          },
          onQuery: options.onQuery ? (e) => options.onQuery!(name, e) : undefined,
          erpSyncIntervalMs: config.erp.syncIntervalMs,
          erpStaleAfterMs: config.erp.staleAfterMs,
          webhookAllowedHosts: config.webhooks.allowedHosts,
          erpDelivery: config.erp.delivery,
          serving,
        },
        instrumentErpPorts(erpPorts, name, metrics),
        { onSyncProgress: (feed, n) => progress.step(`${name}: synced ${feed}`, n), config },
      );
      const startedAt = Date.now();
      await instance.start();
      progress.note(`  ${name} ready (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
      const http = await serveSubgraph(instance, { port: config.ports[name], host: config.host, claimsSecret: config.claimsSecret, logger, metrics });
      subgraphs[name] = { instance, http, metrics };
    }
    inProcessBus?.open();
    if (config.services.includes('gateway')) {
      const local = Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, `${s!.http.url}/graphql`]));
      const routes = adminRoutes(config, { faults, clock });
      running.gateway =
        options.gatewayThread && Object.keys(local).length > 0
          ? await startGatewayThread(config, local, routes, rootLogger.child({ component: 'admin' }))
          : await startGatewayFor(config, local, options.logger?.child({ service: 'gateway' }) ?? createLogger('gateway', config.logLevel), routes);
    }
    markServing();
  } catch (error) {
    await running.stop().catch(() => undefined);
    throw error;
  }
  return running;
}

/** The graph services call: this process's gateway, or HUB_GRAPH_URL's when the gateway runs elsewhere. */
function graphUrl(hub: RunningHub, config: HubConfig): string {
  if (hub.gateway) return `${hub.gateway.url}/graphql`;
  if (config.gateway.graphUrl) return config.gateway.graphUrl;
  throw new Error('no gateway in this process and no HUB_GRAPH_URL configured');
}
