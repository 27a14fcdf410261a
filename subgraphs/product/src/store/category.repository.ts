// Reads and replaces the category projection (small: it is held whole).
import type { Kysely, Selectable } from 'kysely';
import type { Executor } from '@retail-hub/platform';
import type { CategoryTable, ProductDatabase } from './product-tables.js';

export type CategoryRow = Selectable<CategoryTable>;

export class CategoryRepository {
  constructor(private readonly db: Kysely<ProductDatabase>) {}

  all(): Promise<CategoryRow[]> {
    return this.db.selectFrom('category').selectAll().orderBy('id').execute();
  }

  async findByIds(ids: readonly string[]): Promise<CategoryRow[]> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('category').selectAll().where('id', 'in', [...ids]).execute();
  }

  async upsert(trx: Executor<ProductDatabase>, rows: CategoryRow[]): Promise<void> {
    if (rows.length === 0) return;
    await trx
      .insertInto('category')
      .values(rows)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          parent_id: eb.ref('excluded.parent_id'),
          min_margin_bp: eb.ref('excluded.min_margin_bp'),
          promotable: eb.ref('excluded.promotable'),
        })),
      )
      .execute();
  }
}
