// Reads and writes baseline demand and the stock view in bulk, and finds where a promotion's demand exceeds stock.
import { sql, type Kysely } from 'kysely';
import type { Dialect, Executor } from '@retail-hub/platform';
import type { DemandBaselineTable, StockCoverTable } from './demand-tables.js';
import type { PricingDatabase } from './pricing-tables.js';

const CHUNK = 5000;

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
  async upsertBaselines(trx: Executor<PricingDatabase>, rows: readonly DemandBaselineTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const json = JSON.stringify(rows.slice(i, i + CHUNK).map((r) => [r.sku, r.location_id, r.w0, r.w1, r.w2, r.w3, r.w4, r.w5, r.w6, r.weeks, r.through_date]));
      const cols = Array.from({ length: 11 }, (_, k) => k);
      const source =
        this.dialect === 'sqlite'
          ? sql`select ${sql.raw(cols.map((k) => `value ->> ${k}`).join(', '))} from json_each(${json}) where true`
          : sql`select r ->> 0, r ->> 1, ${sql.raw(cols.slice(2, 10).map((k) => `(r ->> ${k})::integer`).join(', '))}, r ->> 10 from json_array_elements(${json}::json) as r`;
      await sql`insert into demand_baseline (sku, location_id, w0, w1, w2, w3, w4, w5, w6, weeks, through_date) ${source}
        on conflict (sku, location_id) do update set w0 = excluded.w0, w1 = excluded.w1, w2 = excluded.w2, w3 = excluded.w3, w4 = excluded.w4,
          w5 = excluded.w5, w6 = excluded.w6, weeks = excluded.weeks, through_date = excluded.through_date`.execute(trx);
    }
  }

  /** Keeps the newer report of each position: a bootstrap page read before an event must not undo it. */
  async upsertStock(trx: Executor<PricingDatabase>, rows: readonly StockCoverTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const json = JSON.stringify(rows.slice(i, i + CHUNK).map((r) => [r.sku, r.location_id, r.available, r.inbound, r.as_of]));
      const source =
        this.dialect === 'sqlite'
          ? sql`select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 from json_each(${json}) where true`
          : sql`select r ->> 0, r ->> 1, (r ->> 2)::integer, (r ->> 3)::integer, r ->> 4 from json_array_elements(${json}::json) as r`;
      await sql`insert into stock_cover (sku, location_id, available, inbound, as_of) ${source}
        on conflict (sku, location_id) do update set available = excluded.available, inbound = excluded.inbound, as_of = excluded.as_of
        where stock_cover.as_of <= excluded.as_of`.execute(trx);
    }
  }

  /**
   * Where expected demand over the window exceeds available plus inbound: demand is the average
   * units per weekday (w_d / weeks) times how much of each weekday the window covers, times the uplift.
   * The database does the arithmetic over every SKU x location, so only the shortfalls come back.
   */
  async shortfalls(skus: readonly string[], locationIds: readonly string[], weekdayDays: readonly number[], uplift: number): Promise<StockShortfallRow[]> {
    if (skus.length === 0 || locationIds.length === 0) return [];
    const demand = sql<number>`(${sql.join(weekdayDays.map((k, d) => sql`b.${sql.ref(`w${d}`)} * ${k}`), sql` + `)}) * ${uplift} / b.weeks`;
    const rows: StockShortfallRow[] = [];
    for (let i = 0; i < skus.length; i += 500) {
      rows.push(
        ...(await this.db
          .selectFrom('demand_baseline as b')
          .leftJoin('stock_cover as s', (join) => join.onRef('s.sku', '=', 'b.sku').onRef('s.location_id', '=', 'b.location_id'))
          .select(['b.sku', 'b.location_id', demand.as('demand'), sql<number>`coalesce(s.available, 0)`.as('available'), sql<number>`coalesce(s.inbound, 0)`.as('inbound')])
          .where('b.sku', 'in', skus.slice(i, i + 500))
          .where('b.location_id', 'in', [...locationIds])
          .where(demand, '>', sql<number>`coalesce(s.available, 0) + coalesce(s.inbound, 0)`)
          .execute()),
      );
    }
    return rows.map((r) => ({ ...r, demand: Number(r.demand), available: Number(r.available), inbound: Number(r.inbound) }));
  }

  async clearStock(): Promise<void> {
    await this.db.deleteFrom('stock_cover').execute();
  }
}
