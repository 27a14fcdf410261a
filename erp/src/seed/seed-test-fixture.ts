// Test helper: a fresh in-memory ERP with its tables created, optionally seeded, plus row hashing for determinism checks.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { Kysely, SqliteDialect } from 'kysely';
import { erpMigrations, type ErpDatabase } from '../embedded/erp-schema.js';
import { seedRetailer, type SeedOptions, type SeedSummary } from './seed-retailer.js';

export const TEST_TODAY = new Date('2025-03-12T15:30:00.000Z');

export async function emptyErp(): Promise<Database.Database> {
  const sqlite = new Database(':memory:');
  const db = new Kysely<ErpDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migration = erpMigrations['001_erp_tables'];
  if (!migration) throw new Error('missing migration 001_erp_tables');
  await migration.up(db);
  return sqlite;
}

export async function seededErp(options: Partial<SeedOptions> = {}): Promise<{ sqlite: Database.Database; summary: SeedSummary }> {
  const sqlite = await emptyErp();
  const summary = seedRetailer(sqlite, { skus: 200, stores: 20, seed: 42, today: TEST_TODAY, ...options });
  return { sqlite, summary };
}

/** sha256 of every row a query returns (Buffers hashed by content), in the query's order. */
export function hashRows(sqlite: Database.Database, query: string): string {
  const hash = createHash('sha256');
  for (const row of sqlite.prepare(query).iterate() as Iterable<Record<string, unknown>>) {
    for (const value of Object.values(row)) {
      hash.update(Buffer.isBuffer(value) ? value : String(value));
      hash.update('\u0000');
    }
  }
  return hash.digest('hex');
}

export function all<T>(sqlite: Database.Database, query: string, ...params: unknown[]): T[] {
  return sqlite.prepare(query).all(...params) as T[];
}

export function one<T>(sqlite: Database.Database, query: string, ...params: unknown[]): T {
  return sqlite.prepare(query).get(...params) as T;
}
