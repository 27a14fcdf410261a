// Reads and refreshes the location projection (small: the ERP's warehouse list is reloaded whole).
import { sql, type Kysely, type Selectable } from 'kysely';
import { PreparedListQuery, type Executor } from '@retail-hub/platform';
import type { InventoryDatabase, LocationTable } from './inventory-tables.js';

export type LocationRow = Selectable<LocationTable>;

export interface LocationQuery {
  type?: string;
  region?: string;
  searchTerms?: string[];
  afterId?: string;
  limit: number;
}

/** Routing reads the locations it may ship from for every order: compiled once per number of ids. */
const BY_IDS = new PreparedListQuery<InventoryDatabase, object, { ids: readonly string[] }, LocationRow>((db, _, { ids }) => db.selectFrom('location').selectAll().where('id', 'in', ids));

export class LocationRepository {
  constructor(private readonly db: Kysely<InventoryDatabase>) {}

  async findByIds(ids: readonly string[]): Promise<LocationRow[]> {
    if (ids.length === 0) return [];
    return BY_IDS.rows(this.db, {}, { ids });
  }

  async allIds(): Promise<string[]> {
    return (await this.db.selectFrom('location').select('id').execute()).map((r) => r.id);
  }

  async page(query: LocationQuery): Promise<LocationRow[]> {
    let q = this.filtered(query).selectAll().orderBy('id').limit(query.limit);
    if (query.afterId) q = q.where('id', '>', query.afterId);
    return q.execute();
  }

  async count(query: Omit<LocationQuery, 'limit' | 'afterId'>): Promise<number> {
    const row = await this.filtered(query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async upsert(trx: Executor<InventoryDatabase>, rows: LocationRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto('location')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            code: eb.ref('excluded.code'),
            name: eb.ref('excluded.name'),
            type: eb.ref('excluded.type'),
            region: eb.ref('excluded.region'),
            time_zone: eb.ref('excluded.time_zone'),
            active: eb.ref('excluded.active'),
            search_text: eb.ref('excluded.search_text'),
          })),
        )
        .execute();
    }
  }

  private filtered(query: Omit<LocationQuery, 'limit' | 'afterId'>) {
    let q = this.db.selectFrom('location');
    if (query.type) q = q.where('type', '=', query.type);
    if (query.region) q = q.where(sql<string>`upper(region)`, '=', query.region.toUpperCase());
    // LIKE wildcards a user types are dropped rather than escaped: SQLite and PostgreSQL disagree on the default escape.
    for (const term of query.searchTerms ?? []) q = q.where('search_text', 'like', `%${term.replace(/[%_]/g, '')}%`);
    return q;
  }
}
