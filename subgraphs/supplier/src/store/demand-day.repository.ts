// Net units per SKU, location and day from order events, waiting to be folded into the demand blocks.
import { sql, type Kysely } from 'kysely';
import type { Executor } from '@retail-hub/platform';
import { inChunks } from './in-chunks.js';
import type { SupplierDatabase } from './supplier-tables.js';

/** Four parameters a row: well under SQLite's limit on bound parameters. */
const ROWS_PER_STATEMENT = 200;

export interface DemandDayUnits {
  sku: string;
  locationId: string;
  day: number;
  units: number;
}

export class DemandDayRepository {
  constructor(private readonly db: Kysely<SupplierDatabase>) {}

  /** Adds units (negative for cancellations and returns) to each SKU, location and day; rows may repeat one. */
  async add(trx: Executor<SupplierDatabase>, units: readonly DemandDayUnits[]): Promise<void> {
    const rows = summedPerDay(units);
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      await trx
        .insertInto('demand_day')
        .values(rows.slice(i, i + ROWS_PER_STATEMENT).map((row) => ({ sku: row.sku, location_id: row.locationId, day: row.day, units: row.units })))
        .onConflict((oc) => oc.columns(['sku', 'location_id', 'day']).doUpdateSet({ units: sql`demand_day.units + excluded.units` }))
        .execute();
    }
  }

  /** Everything recorded for these SKUs up to `toDay`. */
  async upTo(executor: Executor<SupplierDatabase>, skus: readonly string[], toDay: number): Promise<DemandDayUnits[]> {
    const rows = await inChunks(skus, (part) => executor.selectFrom('demand_day').selectAll().where('sku', 'in', part).where('day', '<=', toDay).execute());
    return rows.map((r) => ({ sku: r.sku, locationId: r.location_id, day: Number(r.day), units: Number(r.units) }));
  }

  /** Forgets what has been folded into the blocks. */
  async deleteUpTo(trx: Executor<SupplierDatabase>, skus: readonly string[], toDay: number): Promise<void> {
    await inChunks(skus, async (part) => {
      await trx.deleteFrom('demand_day').where('sku', 'in', part).where('day', '<=', toDay).execute();
      return [];
    });
  }
}

/** One row per SKU, location and day (an order, or a run of orders, may name one twice): PostgreSQL cannot upsert one row twice in a statement. */
function summedPerDay(units: readonly DemandDayUnits[]): DemandDayUnits[] {
  const byKey = new Map<string, DemandDayUnits>();
  for (const u of units) {
    const key = `${u.sku}|${u.locationId}|${u.day}`;
    const seen = byKey.get(key);
    if (seen) seen.units += u.units;
    else byKey.set(key, { ...u });
  }
  return [...byKey.values()];
}
