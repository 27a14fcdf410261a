// Fills an empty embedded ERP with a deterministic synthetic retailer: stores, catalogue, prices, suppliers, stock, history.
import type { Database } from 'better-sqlite3';
import { MAX_SKUS, generateCatalog } from './catalog.generator.js';
import { MAX_STORES, generateLocations } from './locations.generator.js';
import { generatePriceConditions } from './price-conditions.generator.js';
import { generatePurchaseOrders } from './purchase-orders.generator.js';
import { generateSalesHistory } from './sales-history.generator.js';
import { createSeedContext } from './seed-context.js';
import { generateStock } from './stock.generator.js';
import { generateSuppliers } from './suppliers.generator.js';

export interface SeedOptions {
  /** Items in the catalogue. @default 2000 (tested up to 50,000) */
  skus: number;
  /** Stores, spread over six regions. @default 300 */
  stores: number;
  /** Same seed, same retailer. @default 42 */
  seed: number;
  /** History ends the day before, purchase orders are due after, timestamps are this instant. */
  today: Date;
  /** Called about every 10% of each step, e.g. ('stock', 1200, 2000). */
  onProgress?: (step: string, done: number, total: number) => void;
}

export interface SeedSummary {
  skus: number;
  /** Category rows, departments included. */
  categories: number;
  locations: number;
  suppliers: number;
  stockPositions: number;
  historySeries: number;
  purchaseOrders: number;
  ms: number;
}

export const DEFAULT_SEED_OPTIONS: Readonly<Pick<SeedOptions, 'skus' | 'stores' | 'seed'>> = { skus: 2000, stores: 300, seed: 42 };

/**
 * Expects the tables of erpMigrations, empty. Writes through better-sqlite3 prepared statements (multi-row
 * inserts for the big tables) in ONE transaction: the launcher treats "has items" as "seeded", so a seed that
 * dies part-way must leave nothing behind. It costs no more I/O than committing in chunks: in WAL mode each
 * new page is written to the log and checkpointed into the database once either way.
 */
export function seedRetailer(sqlite: Database, options: SeedOptions): SeedSummary {
  const started = performance.now();
  validate(options);
  const existing = sqlite.prepare('SELECT (SELECT count(*) FROM item) + (SELECT count(*) FROM warehouse) AS n').get() as { n: number };
  if (existing.n > 0) throw new Error('seedRetailer: the ERP tables already hold data; seed an empty database');

  const ctx = createSeedContext(sqlite, options.seed, options.today, options.onProgress);
  const summary = sqlite.transaction(() => {
    const locations = generateLocations(ctx, options.stores);
    const { items, categoryRows } = generateCatalog(ctx, options.skus);
    generatePriceConditions(ctx, items);
    const { suppliers, primary } = generateSuppliers(ctx, items, locations);
    const orders = generatePurchaseOrders(ctx, items, locations, suppliers, primary);
    const stockPositions = generateStock(ctx, items, locations, primary, orders);
    const historySeries = generateSalesHistory(ctx, items, locations);
    // The change feeds resume after change_counter: it must cover every seq handed out above.
    sqlite.prepare('UPDATE change_counter SET value = ? WHERE id = 1').run(ctx.lastSeq());
    return {
      skus: items.length,
      categories: categoryRows,
      locations: locations.length,
      suppliers: suppliers.length,
      stockPositions,
      historySeries,
      purchaseOrders: orders.purchaseOrders,
    };
  })();
  // The whole seed went through the WAL; fold it into the database now and give the disk space back,
  // rather than leave a log as big as the database until the last connection closes.
  if (String(sqlite.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal') sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return { ...summary, ms: Math.round(performance.now() - started) };
}

function validate(options: SeedOptions): void {
  const wholeIn = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;
  if (!wholeIn(options.skus, 1, MAX_SKUS)) throw new RangeError(`skus must be a whole number from 1 to ${MAX_SKUS}, got ${options.skus}`);
  if (!wholeIn(options.stores, 1, MAX_STORES)) throw new RangeError(`stores must be a whole number from 1 to ${MAX_STORES}, got ${options.stores}`);
  if (!Number.isInteger(options.seed)) throw new RangeError(`seed must be a whole number, got ${options.seed}`);
  if (!(options.today instanceof Date) || Number.isNaN(options.today.getTime())) throw new RangeError('today must be a valid Date');
}
