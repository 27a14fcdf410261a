// Helpers for the security tests: keys made with the real `npm run keys` CLI, raw HTTP calls, and the gateway's subgraph-call counter.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { HubProcess } from './hub-process.js';
import { scrapeMetric } from '@retail-hub/platform/testing/scrape-metric';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

export interface CreatedKey {
  id: string;
  key: string;
  scopes: string[];
}

/** `npm run keys -- create ... --json` against the hub's data directory, as an administrator would. */
export async function createKey(hub: HubProcess, args: string[]): Promise<CreatedKey> {
  const { stdout } = await keysCli(hub, ['create', ...args, '--json']);
  return JSON.parse(stdout) as CreatedKey;
}

/** The same through /admin/graphql with the hub's admin key: in process, so quick on a loaded machine. */
export async function createKeyByApi(hub: HubProcess, input: Record<string, unknown>): Promise<CreatedKey> {
  const response = await fetch(`${hub.baseUrl}/admin/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.adminKey}` },
    body: JSON.stringify({ query: 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id scopes } } }', variables: { input } }),
  });
  const body = (await response.json()) as { data?: { createApiKey: { key: string; apiKey: { id: string; scopes: string[] } } }; errors?: unknown[] };
  if (!body.data) throw new Error(`createApiKey failed: ${JSON.stringify(body.errors)}`);
  return { id: body.data.createApiKey.apiKey.id, key: body.data.createApiKey.key, scopes: body.data.createApiKey.apiKey.scopes };
}

export async function keysCli(hub: HubProcess, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'gateway/src/keys/keys-cli.ts', ...args, '--data-dir', hub.dataDir], { cwd: ROOT, env: process.env });
}

export function bearer(key: string | null): Record<string, string> {
  return { authorization: key ? `Bearer ${key}` : '' };
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: any;
}

/** A POST to /graphql with exactly these headers (no default key). */
export async function post(hub: HubProcess, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const response = await fetch(`${hub.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** How many calls the gateway has made to subgraphs so far (its own /metrics). */
export function subgraphCalls(hub: HubProcess): Promise<number> {
  return scrapeMetric(hub.baseUrl, 'hub_gateway_subgraph_calls_total');
}

export const codes = (result: { errors?: { extensions?: { code?: string } }[] }) => (result.errors ?? []).map((e) => e.extensions?.code);
