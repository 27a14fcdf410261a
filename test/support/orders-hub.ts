// Starts the real hub process for the orders tests on SQLite or PostgreSQL (databases of its own), driven through an admin API key.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Agent, fetch } from 'undici';
import type { Dialect } from '@retail-hub/platform';
import { testPostgresAdminUrl } from '@retail-hub/platform/store/test-stores';
import { startHubProcess, type HubProcess, type HubProcessOptions } from './hub-process.js';

/** Every test hub trusts this key (HUB_BOOTSTRAP_ADMIN_KEY): all scopes, limits far above any test's load. */
export const TEST_ADMIN_KEY = `rh_live_ordertest234_${'o'.repeat(43)}`;

export interface OrdersHub {
  hub: HubProcess;
  dialect: Dialect;
  /** Runs an operation through the gateway as the test admin. */
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: any[] }>;
  /** Flips the embedded ERP's fault switch (`outage`, `none`, `errors=1` ...). */
  erpFaults(spec: string): Promise<void>;
  /** Restarts the process on the same data (and databases); `signal` stops it, `downForMs` keeps it down a while. */
  restart(options?: { signal?: NodeJS.Signals; env?: Record<string, string>; downForMs?: number }): Promise<void>;
  /** The ERP's own ledger: SalesFinance documents booked for these orders (read-only, from the ERP's database). */
  erpLedger(orderIds: readonly string[]): Array<{ posting_id: string; kind: string; order_ref: string; total: number; booked_at: string }>;
  /** Stops the process and removes its data and databases. */
  dispose(): Promise<void>;
}

const SERVICES = ['product', 'pricing', 'inventory', 'orders', 'supplier', 'gateway'];

export async function startOrdersHub(dialect: Dialect, options: HubProcessOptions = {}): Promise<OrdersHub> {
  const prefix = `ot_${randomBytes(5).toString('hex')}`;
  const pgArgs = dialect === 'postgres' ? ['--postgres', testPostgresAdminUrl()] : [];
  // A burst of a thousand placements queues in orders longer than the gateway's usual 10 s deadline on a busy machine.
  const baseEnv = { HUB_BOOTSTRAP_ADMIN_KEY: TEST_ADMIN_KEY, HUB_POSTGRES_DB_PREFIX: prefix, HUB_ERP_SYNC_INTERVAL_MS: '500', HUB_SUBGRAPH_TIMEOUT_MS: '240000', ...options.env };
  let hub = await startHubProcess({ ...options, args: [...pgArgs, ...(options.args ?? [])], env: baseEnv });
  const dataDir = hub.dataDir;
  // Like a load balancer in front of the hub: a thousand calls at once share a pool of connections, rather than
  // a thousand sockets racing a busy event loop to be accepted.
  const agent = new Agent({ connections: 64, connect: { timeout: 60_000 }, headersTimeout: 600_000, bodyTimeout: 600_000 });
  const self: OrdersHub = {
    get hub() {
      return hub;
    },
    dialect,
    async gql(query, variables = {}) {
      const response = await fetch(`${hub.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_KEY}` },
        body: JSON.stringify({ query, variables }),
        dispatcher: agent,
      });
      return (await response.json()) as { data?: any; errors?: any[] };
    },
    async erpFaults(spec) {
      const response = await fetch(`${hub.baseUrl}/admin/erp-faults`, { method: 'POST', body: spec });
      if (!response.ok) throw new Error(`erp-faults ${spec}: HTTP ${response.status}`);
    },
    async restart({ signal = 'SIGTERM', env = {}, downForMs = 0 } = {}) {
      await hub.kill(signal);
      if (downForMs > 0) await new Promise((resolve) => setTimeout(resolve, downForMs));
      hub = await startHubProcess({ ...options, dataDir, args: [...pgArgs, ...(options.args ?? [])], env: { ...baseEnv, ...env } });
    },
    erpLedger(orderIds) {
      const erp = new SQLite(`${dataDir}/erp.db`, { readonly: true });
      try {
        const found: { posting_id: string; kind: string; order_ref: string; total: number; booked_at: string }[] = [];
        for (let i = 0; i < orderIds.length; i += 500) {
          const part = orderIds.slice(i, i + 500);
          found.push(...(erp.prepare(`select posting_id, kind, order_ref, total, booked_at from ledger_document where order_ref in (${part.map(() => '?').join(',')})`).all(...part) as typeof found));
        }
        return found;
      } finally {
        erp.close();
      }
    },
    async dispose() {
      // Set HUB_TEST_SHOW_OUTPUT=1 to see what the hub logged, when a test fails for reasons it did not say.
      if (process.env.HUB_TEST_SHOW_OUTPUT) console.error(hub.output().slice(-20_000));
      await hub.kill('SIGKILL').catch(() => undefined);
      await agent.close();
      await rm(dataDir, { recursive: true, force: true });
      if (dialect === 'postgres') await dropDatabases(prefix);
    },
  };
  return self;
}

async function dropDatabases(prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresAdminUrl() });
  await client.connect();
  try {
    for (const s of SERVICES) await client.query(`DROP DATABASE IF EXISTS ${prefix}_${s} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}


/** Sets a position's on-hand through the graph (adjustStock), so a test knows exactly what is there. */
export async function setOnHand(hub: OrdersHub, sku: string, locationId: string, onHand: number): Promise<void> {
  const level = await hub.gql(`query($sku: ID!, $loc: ID!) { product(sku: $sku) { stock(locationId: $loc) { onHand reserved } } }`, { sku, loc: locationId });
  const current = level.data.product.stock?.onHand ?? 0;
  if (current === onHand) return;
  const adjusted = await hub.gql(
    `mutation($input: AdjustStockInput!) { adjustStock(input: $input) { stockLevel { onHand } errors { code message } } }`,
    { input: { sku, locationId, delta: onHand - current, reason: 'COUNT', note: 'orders test set-up' } },
  );
  if (adjusted.errors || adjusted.data.adjustStock.errors.length) throw new Error(`could not set ${sku}@${locationId} to ${onHand}: ${JSON.stringify(adjusted.errors ?? adjusted.data.adjustStock.errors)}`);
}

export const PLACE_ORDER = /* GraphQL */ `
  mutation($key: String!, $input: PlaceOrderInput!) {
    placeOrder(idempotencyKey: $key, input: $input) {
      order { id status paymentStatus total { centAmount currency } lines { sku quantity } fulfilments { id status location { id } lines { sku quantity } } }
      errors { code message field }
    }
  }
`;

export const STOCK = /* GraphQL */ `query($sku: ID!, $loc: ID!) { product(sku: $sku) { stock(locationId: $loc) { onHand reserved available } } }`;

export function storeOrder(locationId: string, lines: { sku: string; quantity: number }[], customerRef = 'CUST-TEST') {
  return { channel: 'STORE', locationId, customerRef, lines, payment: { method: 'CARD', authorizationRef: `auth-${randomBytes(4).toString('hex')}` } };
}
