// Seeds a fresh ERP database file from the command line, to time the seed or inspect the retailer it builds.
// Usage: npx tsx erp/src/seed/seed-cli.ts [--skus 2000] [--stores 300] [--seed 42] [--out data/erp-seed.db] [--force]
import SQLite from 'better-sqlite3';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { Kysely, SqliteDialect } from 'kysely';
import { erpMigrations, type ErpDatabase } from '../embedded/erp-schema.js';
import { DEFAULT_SEED_OPTIONS, seedRetailer } from './seed-retailer.js';

const { values } = parseArgs({
  options: {
    skus: { type: 'string', default: String(DEFAULT_SEED_OPTIONS.skus) },
    stores: { type: 'string', default: String(DEFAULT_SEED_OPTIONS.stores) },
    seed: { type: 'string', default: String(DEFAULT_SEED_OPTIONS.seed) },
    out: { type: 'string', default: 'data/erp-seed.db' },
    force: { type: 'boolean', default: false },
  },
});

const file = values.out;
// The seed only fills empty tables, so it needs a fresh file; replacing one is opt-in.
if (existsSync(file) && !values.force) {
  console.error(`${file} exists; pass --force to replace it`);
  process.exit(1);
}
for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) rmSync(file + suffix);
mkdirSync(dirname(file), { recursive: true });
const sqlite = new SQLite(file);
// The same settings the embedded ERP opens its file with, so the timing is the one a first start sees.
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = NORMAL');
const db = new Kysely<ErpDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
await erpMigrations['001_erp_tables']?.up(db);

let lastLine = '';
const summary = seedRetailer(sqlite, {
  skus: Number(values.skus),
  stores: Number(values.stores),
  seed: Number(values.seed),
  today: new Date(),
  onProgress: (step, done, total) => {
    const line = `${step} ${total === 0 ? 100 : Math.round((done / total) * 100)}%`;
    if (line !== lastLine) console.log(line);
    lastLine = line;
  },
});
sqlite.pragma('wal_checkpoint(TRUNCATE)');
await db.destroy();
const mb = (statSync(file).size / 1e6).toFixed(1);
console.log(JSON.stringify(summary), `${mb} MB`, `rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
