// The hub as two real processes: inventory alone (so tests can kill and restart it) and everything else with the gateway.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { startHubProcess, type HubProcess } from './hub-process.js';

const ROOT = resolve(import.meta.dirname, '../..');

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
  const port = await freePort();
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
    async inventoryMetric(name) {
      const text = await (await fetch(`${inventory.url}/metrics`)).text();
      return text
        .split('\n')
        .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
        .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    },
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
  const args = ['--import', 'tsx', 'hub/src/main.ts', '--services', 'inventory', '--subgraph-ports', String(options.port - 2), '--data-dir', options.dataDir, '--skus', String(options.skus), '--stores', String(options.stores)];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`inventory did not start in time:\n${output}`)), 90_000);
    const onData = () => {
      if (!/retail-hub services running/.test(output)) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolvePromise();
    };
    child.stdout!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`inventory exited before it was ready:\n${output}`));
    });
  });
  return { url: `http://127.0.0.1:${options.port}`, output: () => output, kill: (signal = 'SIGTERM') => killAndWait(child, exited, signal) };
}

async function killAndWait(child: ChildProcess, exited: Promise<void>, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  await exited;
}

/** A port nobody listens on now (only inventory listens in its process, so the base two below it does not matter). */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolvePort, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port: chosen } = server.address() as { port: number };
        server.close(() => resolvePort(chosen));
      });
    });
    if (port > 1026) return port;
  }
}
