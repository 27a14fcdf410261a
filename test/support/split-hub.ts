// The hub as two real processes: inventory alone (so tests can kill and restart it) and everything else with the gateway.
import { freePortRun } from '@retail-hub/platform/testing/free-ports';
import { launchHub } from '@retail-hub/platform/testing/hub-launch';
import { scrapeMetric } from '@retail-hub/platform/testing/scrape-metric';
import { startHubProcess, type HubProcess } from './hub-process.js';

export interface InventoryProcess {
  /** e.g. http://127.0.0.1:41234 (its /graphql serves HTTP and graphql-ws) */
  url: string;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface SplitHub {
  gateway: HubProcess;
  inventory: InventoryProcess;
  /** ws://.../graphql on the gateway */
  wsUrl: string;
  /** Stops the inventory process (SIGKILL: a crash, nothing flushed). */
  stopInventory(signal?: NodeJS.Signals): Promise<void>;
  /** Starts inventory again on the same port and data directory. */
  startInventory(): Promise<void>;
  /** A metric of the inventory process, summed over its label sets (e.g. hub_subscriptions_active). */
  inventoryMetric(name: string): Promise<number>;
  dispose(): Promise<void>;
}

export interface SplitHubOptions {
  skus?: number;
  stores?: number;
  env?: Record<string, string>;
}

export async function startSplitHub(options: SplitHubOptions = {}): Promise<SplitHub> {
  // Only inventory listens in its process, so the two ports below it (its --subgraph-ports base) need not be free.
  const port = await freePortRun(1);
  const skus = options.skus ?? 200;
  const stores = options.stores ?? 20;
  const gateway = await startHubProcess({
    skus,
    stores,
    env: options.env,
    args: ['--services', 'product,pricing,orders,supplier,gateway', '--subgraph-url', `inventory=http://127.0.0.1:${port}/graphql`],
  });
  const startInventory = () =>
    startInventoryProcess({ port, dataDir: gateway.dataDir, skus, stores, env: { HUB_GRAPH_URL: `${gateway.baseUrl}/graphql`, ...options.env } });
  let inventory = await startInventory();
  return {
    gateway,
    get inventory() {
      return inventory;
    },
    wsUrl: `${gateway.baseUrl.replace('http', 'ws')}/graphql`,
    stopInventory: (signal = 'SIGTERM') => inventory.kill(signal),
    async startInventory() {
      inventory = await startInventory();
    },
    inventoryMetric: (name) => scrapeMetric(inventory.url, name),
    async dispose() {
      await inventory.kill('SIGTERM');
      await gateway.dispose();
    },
  };
}

interface InventoryProcessOptions {
  port: number;
  dataDir: string;
  skus: number;
  stores: number;
  env: Record<string, string>;
}

/** `--services inventory`: inventory is the third subgraph, so its port is the first subgraph port + 2. */
async function startInventoryProcess(options: InventoryProcessOptions): Promise<InventoryProcess> {
  const args = ['--services', 'inventory', '--subgraph-ports', String(options.port - 2), '--data-dir', options.dataDir, '--skus', String(options.skus), '--stores', String(options.stores)];
  const inventory = await launchHub({ args, env: options.env, ready: /retail-hub services running/, what: 'inventory' });
  return {
    url: `http://127.0.0.1:${options.port}`,
    output: inventory.output,
    async kill(signal = 'SIGTERM') {
      await inventory.kill(signal);
    },
  };
}
