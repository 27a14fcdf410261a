// Starts the real hub (`hub/src/main.ts`) as a child process on free ports, for whole-graph tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mintApiKey } from '@retail-hub/gateway/keys/api-key-secret';

const ROOT = resolve(import.meta.dirname, '../..');

export interface HubProcess {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  dataDir: string;
  /** A key with every scope (HUB_BOOTSTRAP_ADMIN_KEY), sent by graphql() unless the call passes its own authorization header ('' for none). */
  adminKey: string;
  output: () => string;
  graphql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ data?: T; errors?: any[]; extensions?: any }>;
  /** Stops the process with a signal and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** Stops the process and removes its data directory. */
  dispose(): Promise<void>;
}

export interface HubProcessOptions {
  skus?: number;
  stores?: number;
  /** Reuse a data directory (a restart); a fresh temp directory otherwise. */
  dataDir?: string;
  args?: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
}

export async function startHubProcess(options: HubProcessOptions = {}): Promise<HubProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hub-e2e-'));
  const args = ['--import', 'tsx', 'hub/src/main.ts', '--port', '0', '--subgraph-ports', '0', '--data-dir', dataDir, '--skus', String(options.skus ?? 200), '--stores', String(options.stores ?? 20), ...(options.args ?? [])];
  // Every call needs a key unless anonymous access is configured: tests act as an administrator by default.
  const adminKey = mintApiKey().key;
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', HUB_BOOTSTRAP_ADMIN_KEY: adminKey, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const baseUrl = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start in time:\n${output}`)), options.timeoutMs ?? 90_000);
    const onData = () => {
      const match = /GraphQL endpoint:\s+(http:\/\/\S+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolvePromise(match[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    baseUrl,
    dataDir,
    adminKey,
    output: () => output,
    async graphql(query, variables = {}, headers = {}) {
      const auth: Record<string, string> = { authorization: `Bearer ${adminKey}`, ...headers };
      if (!auth.authorization) delete auth.authorization;
      const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ query, variables }) });
      return response.json() as Promise<any>;
    },
    kill: (signal = 'SIGTERM') => killAndWait(child, exited, signal),
    async dispose() {
      await killAndWait(child, exited, 'SIGTERM');
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function killAndWait(child: ChildProcess, exited: Promise<number | null>, signal: NodeJS.Signals): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill(signal);
  return exited;
}
