// Reads and writes the stock view: batch lookups by (SKU, location), filtered pages, version-guarded upserts.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool } from 'kysely';
import { PreparedListQuery, type Dialect, type Executor } from '@retail-hub/platform';
import type { StockPosition } from '@retail-hub/erp';
import type { InventoryDatabase, StockPositionTable } from './inventory-tables.js';

export type StockPositionRow = Selectable<StockPositionTable>;

/** A position as the ERP knows it: everything but the hub's own `reserved`. */
export type ErpPositionRow = Omit<StockPositionRow, 'reserved'>;

export function toErpPositionRow(p: StockPosition): ErpPositionRow {
  return { sku: p.sku, location_id: p.locationId, on_hand: p.onHand, inbound: p.inbound, erp_version: p.version, changed_at: p.updatedAt };
}

export interface StockKey {
  sku: string;
  locationId: string;
}

export interface StockLevelQuery {
  skus?: string[];
  locationIds?: string[];
  belowAvailable?: number;
  after?: StockKey;
  limit: number;
}

export interface LocationStockQuery {
  locationIds?: string[];
  locationType?: string;
  region?: string;
  belowAvailable?: number;
  afterLocationId?: string;
}

/** Keys per lookup query: keeps bound parameters well under SQLite's limit. */
const KEY_CHUNK = 2000;
/** Positions per upsert statement (a feed page is 5000). */
const UPSERT_CHUNK = 5000;

/** What can still be sold; an ERP-side drop below what is reserved shows 0, not a negative number. */
const available = sql<number>`case when stock_position.on_hand < stock_position.reserved then 0 else stock_position.on_hand - stock_position.reserved end`;

/** Routing's question for every order, a page of these SKUs at these locations: compiled once per pair of list lengths. */
const AT_LOCATIONS = new PreparedListQuery<InventoryDatabase, { limit: number }, { skus: readonly string[]; locationIds: readonly string[] }, StockPositionRow>((db, { limit }, { skus, locationIds }) =>
  db.selectFrom('stock_position').selectAll().where('sku', 'in', skus).where('location_id', 'in', locationIds).orderBy('sku').orderBy('location_id').limit(limit),
);

export class StockPositionRepository {
  constructor(private readonly db: Kysely<InventoryDatabase>, private readonly dialect: Dialect) {}

  /** The rows for these keys (any order; missing keys are absent), read through `trx` when given. */
  async findByKeys(keys: readonly StockKey[], trx: Executor<InventoryDatabase> = this.db): Promise<StockPositionRow[]> {
    const rows: StockPositionRow[] = [];
    for (let i = 0; i < keys.length; i += KEY_CHUNK) {
      const chunk = keys.slice(i, i + KEY_CHUNK);
      rows.push(...(await trx.selectFrom('stock_position').selectAll().where((eb) => matchKeys(eb, chunk)).execute()));
    }
    return rows;
  }

  async find(key: StockKey, trx: Executor<InventoryDatabase> = this.db): Promise<StockPositionRow | undefined> {
    return trx.selectFrom('stock_position').selectAll().where('sku', '=', key.sku).where('location_id', '=', key.locationId).executeTakeFirst();
  }

  /** Which of these SKUs inventory holds any position for. */
  async knownSkus(skus: readonly string[]): Promise<Set<string>> {
    if (skus.length === 0) return new Set();
    const rows = await this.db.selectFrom('stock_position').select('sku').distinct().where('sku', 'in', [...skus]).execute();
    return new Set(rows.map((r) => r.sku));
  }

  /** The operations view: ordered by SKU, then location. */
  async page(query: StockLevelQuery): Promise<StockPositionRow[]> {
    if (query.skus?.length && query.locationIds?.length && query.belowAvailable === undefined && !query.after) {
      return AT_LOCATIONS.rows(this.db, { limit: query.limit }, { skus: query.skus, locationIds: query.locationIds });
    }
    let q = this.filtered(query).selectAll().orderBy('sku').orderBy('location_id').limit(query.limit);
    const after = query.after;
    if (after) q = q.where((eb) => eb.or([eb('sku', '>', after.sku), eb.and([eb('sku', '=', after.sku), eb('location_id', '>', after.locationId)])]));
    return q.execute();
  }

  async count(query: Omit<StockLevelQuery, 'limit' | 'after'>): Promise<number> {
    const row = await this.filtered(query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * The first `limit` levels of each SKU, by location id, in one query (a window per SKU), so a
   * page of products with their stock levels is not one query per product.
   */
  async firstPerSku(skus: readonly string[], query: LocationStockQuery, limit: number): Promise<StockPositionRow[]> {
    if (skus.length === 0) return [];
    const ranked = this.byLocation(skus, query)
      .selectAll('stock_position')
      .select(sql<number>`row_number() over (partition by stock_position.sku order by stock_position.location_id)`.as('rank'))
      .$if(query.afterLocationId !== undefined, (q) => q.where('stock_position.location_id', '>', query.afterLocationId!));
    const rows = await this.db.selectFrom(ranked.as('ranked')).selectAll().where('rank', '<=', limit).orderBy('sku').orderBy('location_id').execute();
    return rows.map(({ rank: _rank, ...row }) => row as StockPositionRow);
  }

  async countPerSku(skus: readonly string[], query: LocationStockQuery): Promise<Map<string, number>> {
    const rows = await this.byLocation(skus, query)
      .select(['stock_position.sku', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('stock_position.sku')
      .execute();
    return new Map(rows.map((r) => [r.sku, Number(r.n)]));
  }

  /**
   * Writes ERP positions, keeping `reserved` (the hub's own) and skipping any row whose stored
   * ERP version is already as new: a page read before a local adjustment must not undo it.
   * The rows travel as one JSON parameter per chunk, unpacked by the database (json_each /
   * json_array_elements): the first load is 600k positions, and building that many bound values
   * through the query builder costs several times what the database spends inserting them.
   */
  async upsertFromErp(trx: Executor<InventoryDatabase>, rows: readonly ErpPositionRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
      const json = JSON.stringify(rows.slice(i, i + UPSERT_CHUNK).map((r) => [r.sku, r.location_id, r.on_hand, r.inbound, r.erp_version, r.changed_at]));
      const source =
        this.dialect === 'sqlite'
          ? sql`select value ->> 0, value ->> 1, value ->> 2, 0, value ->> 3, value ->> 4, value ->> 5 from json_each(${json}) where true`
          : sql`select r ->> 0, r ->> 1, (r ->> 2)::integer, 0, (r ->> 3)::integer, (r ->> 4)::bigint, r ->> 5 from json_array_elements(${json}::json) as r`;
      // `where true` above: SQLite needs it to parse an upsert whose rows come from a select.
      await sql`insert into stock_position (sku, location_id, on_hand, reserved, inbound, erp_version, changed_at) ${source}
        on conflict (sku, location_id) do update set on_hand = excluded.on_hand, inbound = excluded.inbound, erp_version = excluded.erp_version, changed_at = excluded.changed_at
        where stock_position.erp_version < excluded.erp_version`.execute(trx);
    }
  }

  /**
   * The (location_id, sku) index serves per-location reads. It is built after the first load
   * rather than by the migration: filling it row by row while 600k positions arrive in SKU order
   * costs more than the load itself, building it once from the loaded table a fraction of that.
   */
  async ensureLocationIndex(): Promise<void> {
    await sql`create index if not exists stock_position_location on stock_position (location_id, sku)`.execute(this.db);
  }

  private filtered(query: Omit<StockLevelQuery, 'limit' | 'after'>) {
    let q = this.db.selectFrom('stock_position');
    if (query.skus) q = q.where('sku', 'in', query.skus.length ? query.skus : ['']);
    if (query.locationIds) q = q.where('location_id', 'in', query.locationIds.length ? query.locationIds : ['']);
    if (query.belowAvailable !== undefined) q = q.where(available, '<', query.belowAvailable);
    return q;
  }

  private byLocation(skus: readonly string[], query: LocationStockQuery) {
    let q = this.db.selectFrom('stock_position').innerJoin('location', 'location.id', 'stock_position.location_id').where('stock_position.sku', 'in', [...skus]);
    if (query.locationIds) q = q.where('stock_position.location_id', 'in', query.locationIds.length ? query.locationIds : ['']);
    if (query.locationType) q = q.where('location.type', '=', query.locationType);
    if (query.region) q = q.where(sql<string>`upper(location.region)`, '=', query.region.toUpperCase());
    if (query.belowAvailable !== undefined) q = q.where(available, '<', query.belowAvailable);
    return q;
  }
}

/**
 * `(location_id = ? AND sku IN (...)) OR ...`: keys grouped by location, the common shape
 * (many SKUs at one store), which both dialects answer from the (location_id, sku) index.
 */
function matchKeys(eb: ExpressionBuilder<InventoryDatabase, 'stock_position'>, keys: readonly StockKey[]): Expression<SqlBool> {
  const byLocation = new Map<string, string[]>();
  for (const key of keys) {
    const skus = byLocation.get(key.locationId);
    if (skus) skus.push(key.sku);
    else byLocation.set(key.locationId, [key.sku]);
  }
  return eb.or([...byLocation].map(([locationId, skus]) => eb.and([eb('location_id', '=', locationId), eb('sku', 'in', skus)])));
}
