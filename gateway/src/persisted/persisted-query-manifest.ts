// Reads a safelist in Apollo's persisted query manifest format: { format, version: 1, operations: [{ id, name, type, body }] }.
import { readFileSync } from 'node:fs';

export interface PersistedOperation {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface PersistedQueryManifest {
  /** Operation body by id (what a client sends as extensions.persistedQuery.sha256Hash). */
  byId: ReadonlyMap<string, string>;
  /** Every safelisted body, exactly as written in the manifest. */
  bodies: ReadonlySet<string>;
  operations: readonly PersistedOperation[];
}

export const EMPTY_MANIFEST: PersistedQueryManifest = { byId: new Map(), bodies: new Set(), operations: [] };

export function readPersistedQueryManifest(path: string): PersistedQueryManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the persisted query manifest at ${path}: ${(error as Error).message}`);
  }
  return parsePersistedQueryManifest(parsed, path);
}

export function parsePersistedQueryManifest(parsed: unknown, source = 'manifest'): PersistedQueryManifest {
  const manifest = parsed as { format?: unknown; version?: unknown; operations?: unknown };
  if (manifest?.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`${source}: expected { "format": "apollo-persisted-query-manifest", "version": 1, "operations": [...] }`);
  }
  const operations = manifest.operations as PersistedOperation[];
  operations.forEach((op, i) => {
    if (typeof op?.id !== 'string' || !op.id || typeof op.body !== 'string' || !op.body) throw new Error(`${source}: operations[${i}] needs a string id and body`);
  });
  return { byId: new Map(operations.map((op) => [op.id, op.body])), bodies: new Set(operations.map((op) => op.body)), operations };
}
