// Reads and replaces the location projection (small: it is held whole).
import type { Kysely, Selectable } from 'kysely';
import { PreparedListQuery } from '@retail-hub/platform';
import type { PricingDatabase, LocationTable } from './pricing-tables.js';

export type LocationRow = Selectable<LocationTable>;

/** Every cart reads its location: compiled once per number of ids. */
const BY_IDS = new PreparedListQuery<PricingDatabase, object, { ids: readonly string[] }, LocationRow>((db, _, { ids }) => db.selectFrom('location').selectAll().where('id', 'in', ids));

export class LocationRepository {
  constructor(private readonly db: Kysely<PricingDatabase>) {}

  async findByIds(ids: readonly string[]): Promise<LocationRow[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    return BY_IDS.rows(this.db, {}, { ids: unique });
  }

  /** Every location (a few hundred): promotions resolve their stores and regions from it. */
  async all(): Promise<LocationRow[]> {
    return this.db.selectFrom('location').selectAll().orderBy('id').execute();
  }

  /** Replaces every location in one transaction, so a reader never sees half a refresh. */
  async replaceAll(rows: readonly LocationRow[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('location').execute();
      for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('location').values(rows.slice(i, i + 1000)).execute();
    });
  }
}
