// Fresh, throw-away databases for tests: a temp SQLite file, or a new PostgreSQL database dropped afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Dialect, StoreConfig } from './store-config.js';

/** Every store test runs once per dialect. */
export const TEST_DIALECTS: Dialect[] = ['sqlite', 'postgres'];

/** The PostgreSQL server tests create their databases on (a maintenance database URL). */
export function testPostgresAdminUrl(): string {
  return process.env.HUB_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

export interface TestStore {
  config: StoreConfig;
  drop(): Promise<void>;
}

export async function createTestStore(dialect: Dialect, label = 'hub'): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `${label}-`));
    return { config: { dialect, file: join(dir, 'store.db') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `hub_test_${label.replace(/\W/g, '_')}_${randomBytes(6).toString('hex')}`;
  const adminUrl = testPostgresAdminUrl();
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    config: { dialect, url: url.toString(), poolSize: 10 },
    drop: () => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
