// Reads and writes the supplier projection: batch lookups, filtered pages, upserts from the ERP feed.
import type { Kysely, Selectable } from 'kysely';
import type { Executor } from '@retail-hub/platform';
import { inChunks } from './in-chunks.js';
import { escapeLike } from './escape-like.js';
import { restrictTo, type SupplierScope } from './supplier-scope.js';
import type { SupplierDatabase, SupplierTable } from './supplier-tables.js';

export type SupplierRow = Selectable<SupplierTable>;

export interface SupplierQuery {
  searchTerms?: string[];
  active?: boolean;
}

export class SupplierRepository {
  constructor(private readonly db: Kysely<SupplierDatabase>) {}

  findByIds(scope: SupplierScope, ids: readonly string[]): Promise<SupplierRow[]> {
    return inChunks(ids, (part) => this.db.selectFrom('supplier').selectAll().where('id', 'in', part).$call(restrictTo(scope, 'supplier.id')).execute());
  }

  /** Suppliers the ERP has not blocked. */
  async activeIds(): Promise<Set<string>> {
    const rows = await this.db.selectFrom('supplier').select('id').where('active', '=', 1).execute();
    return new Set(rows.map((r) => r.id));
  }

  page(scope: SupplierScope, query: SupplierQuery, afterId: string | undefined, limit: number): Promise<SupplierRow[]> {
    return this.filtered(scope, query)
      .selectAll()
      .$if(afterId !== undefined, (q) => q.where('id', '>', afterId!))
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  async count(scope: SupplierScope, query: SupplierQuery): Promise<number> {
    const row = await this.filtered(scope, query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async upsert(trx: Executor<SupplierDatabase>, rows: SupplierRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto('supplier')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            email: eb.ref('excluded.email'),
            currency: eb.ref('excluded.currency'),
            active: eb.ref('excluded.active'),
            updated_at: eb.ref('excluded.updated_at'),
            search_text: eb.ref('excluded.search_text'),
          })),
        )
        .execute();
    }
  }

  private filtered(scope: SupplierScope, query: SupplierQuery) {
    let q = this.db.selectFrom('supplier').$call(restrictTo(scope, 'supplier.id'));
    if (query.active !== undefined) q = q.where('active', '=', query.active ? 1 : 0);
    for (const term of query.searchTerms ?? []) q = q.where('search_text', 'like', `%${escapeLike(term)}%`);
    return q;
  }
}
