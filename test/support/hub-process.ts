// Starts the real hub (`hub/src/main.ts`) as a child process on free ports, for whole-graph tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintApiKey } from '@retail-hub/gateway/keys/api-key-secret';
import { launchHub } from '@retail-hub/platform/testing/hub-launch';

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
  const args = ['--port', '0', '--subgraph-ports', '0', '--data-dir', dataDir, '--skus', String(options.skus ?? 200), '--stores', String(options.stores ?? 20), ...(options.args ?? [])];
  // Every call needs a key unless anonymous access is configured: tests act as an administrator by default.
  const adminKey = mintApiKey().key;
  const hub = await launchHub({ args, env: { HUB_BOOTSTRAP_ADMIN_KEY: adminKey, ...options.env }, ready: /GraphQL endpoint:\s+(http:\/\/\S+)\/graphql/, timeoutMs: options.timeoutMs });
  const baseUrl = hub.match[1]!.replace('localhost', '127.0.0.1');
  return {
    baseUrl,
    dataDir,
    adminKey,
    output: hub.output,
    async graphql(query, variables = {}, headers = {}) {
      const auth: Record<string, string> = { authorization: `Bearer ${adminKey}`, ...headers };
      if (!auth.authorization) delete auth.authorization;
      const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ query, variables }) });
      return response.json() as Promise<any>;
    },
    kill: hub.kill,
    async dispose() {
      await hub.kill('SIGTERM');
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
