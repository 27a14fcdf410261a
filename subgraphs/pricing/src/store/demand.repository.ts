// Reads and writes baseline demand and the stock view in bulk, and finds where a promotion's demand exceeds stock.
import { sql, type Kysely } from 'kysely';
import type { Dialect, Executor } from '@retail-hub/platform';
import type { DemandBaseline, StockReport } from './demand-tables.js';
import type { PricingDatabase } from './pricing-tables.js';

const CHUNK = 5000;
const SKUS_PER_SCAN = 500;

export interface StockShortfallRow {
  sku: string;
  location_id: string;
  demand: number;
  available: number;
  inbound: number;
}

export class DemandRepository {
  constructor(private readonly db: Kysely<PricingDatabase>, private readonly dialect: Dialect) {}

  /**
   * Rows travel as one JSON parameter per chunk, unpacked by the database: the first load is 600,000
   * series, and binding that many values through the query builder costs more than the inserts.
   */
  async upsertBaselines(trx: Executor<PricingDatabase>, rows: readonly DemandBaseline[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const json = JSON.stringify(rows.slice(i, i + CHUNK).map((r) => [r.sku, r.location_id, r.w0, r.w1, r.w2, r.w3, r.w4, r.w5, r.w6, r.weeks, r.through_date]));
      const ints = Array.from({ length: 8 }, (_, k) => k + 2);
      const source =
        this.dialect === 'sqlite'
          ? sql`select value ->> 0, value ->> 1, ${sql.raw(ints.map((k) => `value ->> ${k}`).join(', '))}, value ->> 10, 0, 0, '' from json_each(${json}) where true`
          : sql`select r ->> 0, r ->> 1, ${sql.raw(ints.map((k) => `(r ->> ${k})::integer`).join(', '))}, r ->> 10, 0, 0, '' from json_array_elements(${json}::json) as r`;
      await sql`insert into demand_cover (sku, location_id, w0, w1, w2, w3, w4, w5, w6, weeks, through_date, available, inbound, stock_as_of) ${source}
        on conflict (sku, location_id) do update set w0 = excluded.w0, w1 = excluded.w1, w2 = excluded.w2, w3 = excluded.w3, w4 = excluded.w4,
          w5 = excluded.w5, w6 = excluded.w6, weeks = excluded.weeks, through_date = excluded.through_date`.execute(trx);
    }
  }

  /**
   * Keeps the newer report of each position: a bootstrap page read before an event must not undo it. Reports
   * may repeat a position (a run of events); PostgreSQL cannot upsert one row twice in a statement.
   */
  async upsertStock(trx: Executor<PricingDatabase>, reports: readonly StockReport[]): Promise<void> {
    const rows = newestPerPosition(reports);
    for (let i = 0; i < rows.length; i += CHUNK) {
      const json = JSON.stringify(rows.slice(i, i + CHUNK).map((r) => [r.sku, r.location_id, r.available, r.inbound, r.as_of]));
      const source =
        this.dialect === 'sqlite'
          ? sql`select value ->> 0, value ->> 1, 0, 0, 0, 0, 0, 0, 0, 1, '', value ->> 2, value ->> 3, value ->> 4 from json_each(${json}) where true`
          : sql`select r ->> 0, r ->> 1, 0, 0, 0, 0, 0, 0, 0, 1, '', (r ->> 2)::integer, (r ->> 3)::integer, r ->> 4 from json_array_elements(${json}::json) as r`;
      await sql`insert into demand_cover (sku, location_id, w0, w1, w2, w3, w4, w5, w6, weeks, through_date, available, inbound, stock_as_of) ${source}
        on conflict (sku, location_id) do update set available = excluded.available, inbound = excluded.inbound, stock_as_of = excluded.stock_as_of
        where demand_cover.stock_as_of <= excluded.stock_as_of`.execute(trx);
    }
  }

  /**
   * Where expected demand over the window exceeds available plus inbound: demand is the average
   * units per weekday (w_d / weeks) times how much of each weekday the window covers, times the
   * uplift. The database does the arithmetic over every row of the SKUs, so only shortfalls come
   * back; locations outside the promotion are dropped here (usually none: most run everywhere).
   */
  async shortfalls(skus: readonly string[], locationIds: readonly string[], weekdayDays: readonly number[], uplift: number): Promise<StockShortfallRow[]> {
    if (skus.length === 0 || locationIds.length === 0) return [];
    // Parameters cast to a float: PostgreSQL would otherwise take them for integers like the columns.
    const float = (n: number) => sql`cast(${n} as double precision)`;
    const demand = sql<number>`(${sql.join(weekdayDays.map((k, d) => sql`${sql.ref(`w${d}`)} * ${float(k)}`), sql` + `)}) * ${float(uplift)} / weeks`;
    const wanted = new Set(locationIds);
    const rows: StockShortfallRow[] = [];
    for (let i = 0; i < skus.length; i += SKUS_PER_SCAN) {
      const found = await this.db
        .selectFrom('demand_cover')
        .select(['sku', 'location_id', demand.as('demand'), 'available', 'inbound'])
        .where('sku', 'in', skus.slice(i, i + SKUS_PER_SCAN))
        .where(demand, '>', sql<number>`available + inbound`)
        .execute();
      for (const r of found) if (wanted.has(r.location_id)) rows.push({ ...r, demand: Number(r.demand), available: Number(r.available), inbound: Number(r.inbound) });
    }
    return rows;
  }
}

/** The newest report of each position, the later one on a tie (as applying them in turn would leave). */
function newestPerPosition(reports: readonly StockReport[]): StockReport[] {
  const newest = new Map<string, StockReport>();
  for (const report of reports) {
    const key = `${report.sku}|${report.location_id}`;
    const kept = newest.get(key);
    if (!kept || kept.as_of <= report.as_of) newest.set(key, report);
  }
  return [...newest.values()];
}
