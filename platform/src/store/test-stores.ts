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
    drop: () => withAdmin(adminUrl, (c) => dropWhenIdle(c, name)),
  };
}

/**
 * Waits (up to 3 s) for the test's own connections to finish closing before dropping the database: a pool
 * that was just ended may still have a client saying goodbye, and forcing the drop then makes that client
 * receive "terminating connection due to administrator command" as an uncaught error in the test run.
 * A connection still open after the wait (a leak) is terminated by FORCE.
 */
async function dropWhenIdle(c: pg.Client, name: string): Promise<void> {
  for (let waited = 0; waited < 3000; waited += 50) {
    const { rows } = await c.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [name]);
    if (Number(rows[0]!.n) === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
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
