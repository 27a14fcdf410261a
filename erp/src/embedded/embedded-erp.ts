// Opens the embedded reference ERP: its own SQLite database, migrated, seeded with the synthetic retailer on first run.
import { Kysely, SqliteDialect } from 'kysely';
import type { ErpPorts } from '../ports/erp-ports.js';
import { seedRetailer, type SeedOptions, type SeedSummary } from '../seed/seed-retailer.js';
import { erpMigrations, type ErpDatabase } from './erp-schema.js';
import { EmbeddedItemMaster } from './item-master.embedded.js';
import { EmbeddedPriceConditions } from './price-conditions.embedded.js';
import { EmbeddedPurchasing } from './purchasing.embedded.js';
import { EmbeddedSalesFinance } from './sales-finance.embedded.js';
import { EmbeddedStockLedger } from './stock-ledger.embedded.js';
import { Xref } from './xref.js';
import { migrateToLatest, openSqlite } from '@retail-hub/platform';

export interface EmbeddedErp {
  ports: ErpPorts;
  db: Kysely<ErpDatabase>;
  /** Seeds the synthetic retailer when the ERP is empty; returns null when it already held data. */
  seedIfEmpty(options: Omit<SeedOptions, 'today'> & { today?: Date }): Promise<SeedSummary | null>;
  close(): Promise<void>;
}

export async function openEmbeddedErp(file: string): Promise<EmbeddedErp> {
  // The services' stores' settings: WAL, statements prepared once (every posting runs the same few), memory temp tables.
  const sqlite = openSqlite(file);
  const db = new Kysely<ErpDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db, 'sqlite', Object.fromEntries(Object.entries(erpMigrations).map(([k, m]) => [k, () => m])), 'erp_migration');
  const xref = new Xref(db);
  await xref.load();
  const stockLedger = new EmbeddedStockLedger(db, xref);
  const ports: ErpPorts = {
    itemMaster: new EmbeddedItemMaster(db, xref),
    priceConditions: new EmbeddedPriceConditions(db, xref),
    stockLedger,
    salesFinance: new EmbeddedSalesFinance(db, xref),
    purchasing: new EmbeddedPurchasing(db, xref, stockLedger),
  };
  return {
    ports,
    db,
    async seedIfEmpty(options) {
      const { n } = await db.selectFrom('item').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(n) > 0) return null;
      const summary = seedRetailer(sqlite, { ...options, today: options.today ?? new Date() });
      await xref.load();
      return summary;
    },
    close: () => db.destroy(),
  };
}
