// Reads and writes the list-price projection: every condition of many SKUs at once, upserts from the ERP feed.
import { sql, type Kysely, type Selectable } from 'kysely';
import { PreparedListQuery, type Dialect, type Executor } from '@retail-hub/platform';
import type { ListPriceTable, PricingDatabase } from './pricing-tables.js';

export type ListPriceRow = Selectable<ListPriceTable>;

/** Keeps each statement well under SQLite's and PostgreSQL's bound-parameter limits. */
const SKUS_PER_QUERY = 500;
const ROWS_PER_INSERT = 1000;
const ROWS_PER_UNNEST = 5000;

/** Every cart reads its SKUs' prices: compiled once per number of SKUs. */
const BY_SKUS = new PreparedListQuery<PricingDatabase, object, { skus: readonly string[] }, ListPriceRow>((db, _, { skus }) => db.selectFrom('list_price').selectAll().where('sku', 'in', skus));

export class ListPriceRepository {
  constructor(private readonly db: Kysely<PricingDatabase>, private readonly dialect: Dialect) {}

  /** Every condition (any channel, region, validity) of the given SKUs. */
  async findBySkus(skus: readonly string[], executor: Executor<PricingDatabase> = this.db): Promise<ListPriceRow[]> {
    const unique = [...new Set(skus)];
    const rows: ListPriceRow[] = [];
    for (let i = 0; i < unique.length; i += SKUS_PER_QUERY) {
      rows.push(...(await BY_SKUS.rows(executor, {}, { skus: unique.slice(i, i + SKUS_PER_QUERY) })));
    }
    return rows;
  }

  /** Rows must be unique by key: PostgreSQL refuses an upsert that touches one row twice. */
  async upsert(trx: Executor<PricingDatabase>, rows: readonly ListPriceRow[]): Promise<void> {
    if (this.dialect === 'postgres') return this.upsertByArrays(trx, rows);
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await trx
        .insertInto('list_price')
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .onConflict((oc) =>
          oc.columns(['sku', 'channel', 'region', 'valid_from']).doUpdateSet((eb) => ({
            cent_amount: eb.ref('excluded.cent_amount'),
            currency: eb.ref('excluded.currency'),
            valid_to: eb.ref('excluded.valid_to'),
          })),
        )
        .execute();
    }
  }

  /**
   * PostgreSQL takes a page as one array per column (unnest): about twice as fast as a
   * multi-row VALUES with seven thousand parameters, which keeps the first load under a second.
   */
  private async upsertByArrays(trx: Executor<PricingDatabase>, rows: readonly ListPriceRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += ROWS_PER_UNNEST) {
      const part = rows.slice(i, i + ROWS_PER_UNNEST);
      const column = <K extends keyof ListPriceRow>(key: K) => part.map((r) => r[key]);
      await sql`INSERT INTO list_price (sku, channel, region, cent_amount, currency, valid_from, valid_to)
        SELECT * FROM unnest(${column('sku')}::text[], ${column('channel')}::text[], ${column('region')}::text[], ${column('cent_amount')}::integer[],
                             ${column('currency')}::text[], ${column('valid_from')}::text[], ${column('valid_to')}::text[])
        ON CONFLICT (sku, channel, region, valid_from)
        DO UPDATE SET cent_amount = excluded.cent_amount, currency = excluded.currency, valid_to = excluded.valid_to`.execute(trx);
    }
  }
}

/** The identity of a condition, as the ERP keys it. */
export function listPriceKey(row: Pick<ListPriceRow, 'sku' | 'channel' | 'region' | 'valid_from'>): string {
  return `${row.sku}|${row.channel}|${row.region}|${row.valid_from}`;
}
