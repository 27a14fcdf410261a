// The hub's one typed configuration: defaults, overridden once at start from the environment and the command line.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { StoreConfig } from '../store/store-config.js';
import type { ErpDeliverySettings } from '../resilience/erp-delivery-settings.js';

export const SERVICE_NAMES = ['product', 'pricing', 'inventory', 'orders', 'supplier'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface HubConfig {
  /** production refuses the development claims secret. @default development */
  mode: 'development' | 'production';
  /** Where SQLite files live in the embedded mode. @default ./data */
  dataDir: string;
  /** Interface every server binds. @default 127.0.0.1 */
  host: string;
  gateway: {
    /** @default 4000 */
    port: number;
    /** @default gateway/supergraph.graphql */
    supergraphPath: string;
    /** Per-subgraph URL overrides; otherwise the URLs this process's subgraphs listen on. */
    subgraphUrls: Partial<Record<ServiceName, string>>;
    /** @default 10000 */
    subgraphTimeoutMs: number;
    /** Where services reach the graph when the gateway runs in another process (env HUB_GRAPH_URL). */
    graphUrl?: string;
  };
  /** Subgraph ports; 0 picks a free one. @default product 4001 ... supplier 4005 */
  ports: Record<ServiceName, number>;
  /** Which services this process runs. @default all five and the gateway */
  services: (ServiceName | 'gateway')[];
  /** SQLite files under dataDir, or one PostgreSQL server with a database per service. @default sqlite */
  storage: { kind: 'sqlite' } | { kind: 'postgres'; url: string; databasePrefix?: string };
  /** @default memory (in-process) */
  bus: { kind: 'memory' } | { kind: 'nats'; url: string };
  erp: {
    /** The embedded reference ERP's SQLite file. @default <dataDir>/erp.db */
    file: string;
    /** Fault switch text, e.g. `latency=200,errors=0.1` or `outage`. @default none */
    faults: string;
    /** @default 2000 */
    syncIntervalMs: number;
    /** @default 30000 */
    staleAfterMs: number;
    /** How services send queued work (postings, stock bookings) to the ERP: pace, attempts, circuit breaker. */
    delivery: ErpDeliverySettings;
  };
  /** The orders service's placement and lifecycle settings. */
  orders: {
    /** How long an unpaid (BANK_TRANSFER) order's stock stays held. @default 24 h (env HUB_ORDER_PAYMENT_WINDOW_MS) */
    paymentWindowMs: number;
    /** A placement saga untouched this long is taken over by recovery. @default 30000 (env HUB_SAGA_LEASE_MS) */
    sagaLeaseMs: number;
    /** Test-only: live placements stop for good after this saga step (env HUB_TEST_PAUSE_SAGA_AT). */
    testPauseSagaAt?: string;
    /**
     * Placement prices carts and holds stock by calling pricing and inventory directly (signed service
     * claims) when they run in this process or have a configured URL, else through the gateway; see
     * docs/decisions/0005. @default direct (env HUB_ORDERS_CALLS=direct|gateway)
     */
    calls: 'direct' | 'gateway';
  };
  seed: { skus: number; stores: number; seed: number };
  /** Hosts outbound webhooks may go to. @default loopback in development, none in production (env HUB_WEBHOOK_ALLOWED_HOSTS) */
  webhooks: { allowedHosts: string[] };
  /** Signs gateway -> subgraph claims. Required in production. */
  claimsSecret: string;
  logLevel: string;
}

export const DEV_CLAIMS_SECRET = 'retail-hub-development-secret-do-not-use-in-production';

export const DEFAULT_PORTS: Record<ServiceName, number> = { product: 4001, pricing: 4002, inventory: 4003, orders: 4004, supplier: 4005 };

export function defaultHubConfig(dataDir = './data'): HubConfig {
  return {
    mode: 'development',
    dataDir,
    host: '127.0.0.1',
    gateway: { port: 4000, supergraphPath: 'gateway/supergraph.graphql', subgraphUrls: {}, subgraphTimeoutMs: 10_000 },
    ports: { ...DEFAULT_PORTS },
    services: [...SERVICE_NAMES, 'gateway'],
    storage: { kind: 'sqlite' },
    bus: { kind: 'memory' },
    erp: { file: resolve(dataDir, 'erp.db'), faults: '', syncIntervalMs: 2000, staleAfterMs: 30_000, delivery: { ratePerSecond: 200, maxAttempts: 10, breakerThreshold: 5, breakerOpenMs: 1000 } },
    orders: { paymentWindowMs: 86_400_000, sagaLeaseMs: 30_000, calls: 'direct' },
    seed: { skus: 2000, stores: 300, seed: 42 },
    webhooks: { allowedHosts: ['127.0.0.1', 'localhost', '::1'] },
    claimsSecret: DEV_CLAIMS_SECRET,
    // The terminal is for people in the one-process mode; LOG_LEVEL=info shows every service's logs.
    logLevel: 'warn',
  };
}

export const HELP = `retail-hub: the embedded ERP, five subgraphs and the gateway in one process.

Usage: npm start -- [options]

Options:
  --port N              gateway port (default 4000; env HUB_PORT)
  --host ADDR           interface to bind (default 127.0.0.1; env HUB_HOST)
  --data-dir DIR        where SQLite files live (default ./data; env HUB_DATA_DIR)
  --skus N              SKUs to seed on first start, up to 50000 (default 2000; env HUB_SKUS)
  --stores N            stores to seed on first start (default 300; env HUB_STORES)
  --seed N              generator seed (default 42; env HUB_SEED)
  --erp-faults SPEC     ERP fault switch: latency=MS,jitter=MS,errors=RATE,outage (env HUB_ERP_FAULTS)
  --supergraph PATH     supergraph file the gateway serves (default gateway/supergraph.graphql)
  --subgraph-url N=URL  use this URL for subgraph N instead of a local one (repeatable)
  --services LIST       run only these, e.g. inventory,gateway (default: all)
  --subgraph-ports LIST first port for subgraphs, or 0 for free ports (default 4001)
  --postgres URL        store every service in PostgreSQL (a database per service; env HUB_POSTGRES_URL)
  --nats URL            use NATS JetStream as the bus (env HUB_NATS_URL)
  --production          refuse the development claims secret (env HUB_MODE=production)
  --help                show this help

Environment only:
  HUB_CLAIMS_SECRET     secret signing gateway -> subgraph claims (required with --production;
                        a random one per start when every service runs in this process)
  HUB_GRAPH_URL         the gateway's /graphql URL, for services run without the gateway (--services)
  HUB_ERP_SYNC_INTERVAL_MS  how often projections poll the ERP's change feeds (default 2000)
  HUB_ERP_STALE_AFTER_MS    stock is reported stale when the ERP has not answered for this long (default 30000)
  HUB_SUBGRAPH_TIMEOUT_MS   the gateway's deadline for one subgraph call (default 10000)
  HUB_POSTGRES_DB_PREFIX    with --postgres, each service's database is <prefix>_<service> (default hub)
  HUB_ERP_POSTING_RATE      most postings/stock moves per second sent to the ERP, also when a backlog drains (default 200)
  HUB_ERP_MAX_ATTEMPTS      sends before an ERP posting is dead-lettered (default 10)
  HUB_ERP_BREAKER_THRESHOLD consecutive failed ERP sends that open the circuit breaker (default 5)
  HUB_ERP_BREAKER_OPEN_MS   how long the breaker waits before it probes the ERP (default 1000, doubling to 30000)
  HUB_ORDER_PAYMENT_WINDOW_MS how long an unpaid order's stock is held (default 86400000)
  HUB_SAGA_LEASE_MS         a placement saga untouched this long is resumed by recovery (default 30000)
  HUB_ORDERS_CALLS          direct (default): placement calls pricing and inventory without the gateway hop; gateway: through it
  HUB_TEST_PAUSE_SAGA_AT    tests only: live sagas (placements, promotion validations) stop for good after this step (e.g. reserve-stock),
                            so a test can kill the process there and watch recovery finish or undo them
  HUB_WEBHOOK_ALLOWED_HOSTS hosts webhooks may be sent to, comma-separated, *.domain for subdomains (default loopback; none with --production)
  LOG_LEVEL             pino level for the JSON logs on stdout (default warn; info shows more)
  OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_TRACES_EXPORTER   turn on trace export (OTLP over HTTP)
`;

/** Builds the config from defaults, then the environment, then the command line; bad values are errors naming the option. */
export function loadHubConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): { config: HubConfig; help: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      skus: { type: 'string' },
      stores: { type: 'string' },
      seed: { type: 'string' },
      'erp-faults': { type: 'string' },
      supergraph: { type: 'string' },
      'subgraph-url': { type: 'string', multiple: true },
      services: { type: 'string' },
      'subgraph-ports': { type: 'string' },
      postgres: { type: 'string' },
      nats: { type: 'string' },
      production: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const dataDir = resolve(values['data-dir'] ?? env.HUB_DATA_DIR ?? './data');
  const config = defaultHubConfig(dataDir);
  config.mode = values.production || env.HUB_MODE === 'production' ? 'production' : 'development';
  config.host = values.host ?? env.HUB_HOST ?? config.host;
  config.gateway.port = int('--port', values.port ?? env.HUB_PORT, config.gateway.port, 0, 65535);
  config.gateway.supergraphPath = values.supergraph ?? env.HUB_SUPERGRAPH ?? config.gateway.supergraphPath;
  config.gateway.graphUrl = env.HUB_GRAPH_URL;
  config.gateway.subgraphTimeoutMs = int('HUB_SUBGRAPH_TIMEOUT_MS', env.HUB_SUBGRAPH_TIMEOUT_MS, config.gateway.subgraphTimeoutMs, 100, 600_000);
  for (const pair of values['subgraph-url'] ?? []) {
    const [name, url] = pair.split('=', 2);
    if (!SERVICE_NAMES.includes(name as ServiceName) || !url) throw new Error(`--subgraph-url: expected NAME=URL with NAME one of ${SERVICE_NAMES.join(', ')}, got "${pair}"`);
    config.gateway.subgraphUrls[name as ServiceName] = url;
  }
  const firstPort = int('--subgraph-ports', values['subgraph-ports'] ?? env.HUB_SUBGRAPH_PORTS, 4001, 0, 65530);
  for (const [i, name] of SERVICE_NAMES.entries()) config.ports[name] = firstPort === 0 ? 0 : firstPort + i;
  if (values.services) {
    const wanted = values.services.split(',').map((s) => s.trim());
    for (const s of wanted) if (![...SERVICE_NAMES, 'gateway'].includes(s)) throw new Error(`--services: unknown service "${s}"`);
    config.services = wanted as HubConfig['services'];
  }
  const postgres = values.postgres ?? env.HUB_POSTGRES_URL;
  if (postgres) config.storage = { kind: 'postgres', url: postgres, databasePrefix: dbPrefix(env.HUB_POSTGRES_DB_PREFIX) };
  const nats = values.nats ?? env.HUB_NATS_URL;
  if (nats) config.bus = { kind: 'nats', url: nats };
  config.erp.file = resolve(dataDir, 'erp.db');
  config.erp.faults = values['erp-faults'] ?? env.HUB_ERP_FAULTS ?? '';
  config.erp.syncIntervalMs = int('HUB_ERP_SYNC_INTERVAL_MS', env.HUB_ERP_SYNC_INTERVAL_MS, config.erp.syncIntervalMs, 50, 3_600_000);
  config.erp.staleAfterMs = int('HUB_ERP_STALE_AFTER_MS', env.HUB_ERP_STALE_AFTER_MS, config.erp.staleAfterMs, 100, 86_400_000);
  const delivery = config.erp.delivery;
  delivery.ratePerSecond = int('HUB_ERP_POSTING_RATE', env.HUB_ERP_POSTING_RATE, delivery.ratePerSecond!, 1, 100_000);
  delivery.maxAttempts = int('HUB_ERP_MAX_ATTEMPTS', env.HUB_ERP_MAX_ATTEMPTS, delivery.maxAttempts!, 1, 1000);
  delivery.breakerThreshold = int('HUB_ERP_BREAKER_THRESHOLD', env.HUB_ERP_BREAKER_THRESHOLD, delivery.breakerThreshold!, 1, 1000);
  delivery.breakerOpenMs = int('HUB_ERP_BREAKER_OPEN_MS', env.HUB_ERP_BREAKER_OPEN_MS, delivery.breakerOpenMs!, 10, 600_000);
  config.orders.paymentWindowMs = int('HUB_ORDER_PAYMENT_WINDOW_MS', env.HUB_ORDER_PAYMENT_WINDOW_MS, config.orders.paymentWindowMs, 1000, 30 * 86_400_000);
  config.orders.sagaLeaseMs = int('HUB_SAGA_LEASE_MS', env.HUB_SAGA_LEASE_MS, config.orders.sagaLeaseMs, 500, 3_600_000);
  config.orders.testPauseSagaAt = env.HUB_TEST_PAUSE_SAGA_AT || undefined;
  if (env.HUB_ORDERS_CALLS !== undefined && env.HUB_ORDERS_CALLS !== 'direct' && env.HUB_ORDERS_CALLS !== 'gateway') throw new Error(`HUB_ORDERS_CALLS: expected direct or gateway, got "${env.HUB_ORDERS_CALLS}"`);
  config.orders.calls = (env.HUB_ORDERS_CALLS as 'direct' | 'gateway' | undefined) ?? config.orders.calls;
  config.seed.skus = int('--skus', values.skus ?? env.HUB_SKUS, config.seed.skus, 1, 50_000);
  config.seed.stores = int('--stores', values.stores ?? env.HUB_STORES, config.seed.stores, 1, 2000);
  config.seed.seed = int('--seed', values.seed ?? env.HUB_SEED, config.seed.seed, 0, 2 ** 31 - 1);
  // One process running every service keeps its secret to itself: a fresh random one, so the well-known
  // development secret cannot be used to forge claims to its subgraphs. Split processes must share one.
  const allInOne = [...SERVICE_NAMES, 'gateway'].every((s) => config.services.includes(s as ServiceName | 'gateway'));
  config.claimsSecret = env.HUB_CLAIMS_SECRET ?? (allInOne ? randomBytes(32).toString('base64url') : config.claimsSecret);
  if (config.mode === 'production' && config.claimsSecret === DEV_CLAIMS_SECRET) {
    throw new Error('HUB_CLAIMS_SECRET: production mode needs its own secret');
  }
  // Production sends webhooks only to hosts someone configured; development to loopback test receivers.
  if (env.HUB_WEBHOOK_ALLOWED_HOSTS !== undefined) config.webhooks.allowedHosts = env.HUB_WEBHOOK_ALLOWED_HOSTS.split(',').map((h) => h.trim()).filter(Boolean);
  else if (config.mode === 'production') config.webhooks.allowedHosts = [];
  config.logLevel = env.LOG_LEVEL ?? config.logLevel;
  return { config, help: Boolean(values.help) };
}

/**
 * Where one service keeps its data: `<dataDir>/<service>.db`, or database `<prefix>_<service>` on the
 * PostgreSQL server (prefix `hub` unless HUB_POSTGRES_DB_PREFIX says otherwise: tests give each run its own).
 */
export function storeFor(config: HubConfig, service: string): StoreConfig {
  if (config.storage.kind === 'sqlite') return { dialect: 'sqlite', file: resolve(config.dataDir, `${service}.db`) };
  const url = new URL(config.storage.url);
  url.pathname = `/${config.storage.databasePrefix ?? 'hub'}_${service}`;
  return { dialect: 'postgres', url: url.toString() };
}

function dbPrefix(raw: string | undefined): string {
  if (raw === undefined || raw === '') return 'hub';
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(raw)) throw new Error(`HUB_POSTGRES_DB_PREFIX: expected lower-case letters, digits and underscores (starting with a letter), got "${raw}"`);
  return raw;
}

function int(option: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${option}: expected a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}
