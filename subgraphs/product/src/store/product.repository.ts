// Reads and writes the product projection: batch lookups, filtered pages, upserts from the ERP feed.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Executor } from '@retail-hub/platform';
import type { ProductDatabase, ProductTable } from './product-tables.js';

export type ProductRow = Selectable<ProductTable>;

export interface ProductQuery {
  categoryIds?: string[];
  brand?: string;
  searchTerms?: string[];
  status?: string;
  /** Only these SKUs (a supplier partner's own items). */
  skus?: readonly string[];
  afterSku?: string;
  limit: number;
}

export class ProductRepository {
  constructor(private readonly db: Kysely<ProductDatabase>) {}

  async findBySkus(skus: readonly string[]): Promise<ProductRow[]> {
    if (skus.length === 0) return [];
    const rows: ProductRow[] = [];
    for (let i = 0; i < skus.length; i += 500) {
      rows.push(...(await this.db.selectFrom('product').selectAll().where('sku', 'in', skus.slice(i, i + 500)).execute()));
    }
    return rows;
  }

  async page(query: ProductQuery): Promise<ProductRow[]> {
    let q = this.filtered(query).selectAll().orderBy('sku').limit(query.limit);
    if (query.afterSku) q = q.where('sku', '>', query.afterSku);
    return q.execute();
  }

  async count(query: Omit<ProductQuery, 'limit' | 'afterSku'>): Promise<number> {
    const row = await this.filtered(query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * The first `limit` products after `afterSku` of each category, in one query (a window per
   * category), so a list of categories with their products is not one query per category.
   */
  async firstPerCategory(categoryIds: readonly string[], afterSku: string | null, limit: number, skus?: readonly string[]): Promise<ProductRow[]> {
    if (categoryIds.length === 0) return [];
    const ranked = this.db
      .selectFrom('product')
      .selectAll()
      .select(sql<number>`row_number() over (partition by category_id order by sku)`.as('rank'))
      .where('category_id', 'in', [...categoryIds])
      .$if(skus !== undefined, (q) => q.where('sku', 'in', skus!.length ? [...skus!] : ['']))
      .$if(afterSku !== null, (q) => q.where('sku', '>', afterSku!));
    const rows = await this.db.selectFrom(ranked.as('ranked')).selectAll().where('rank', '<=', limit).orderBy('category_id').orderBy('sku').execute();
    return rows.map(({ rank: _rank, ...row }) => row as ProductRow);
  }

  async countPerCategory(categoryIds: readonly string[], skus?: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('product')
      .select(['category_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('category_id', 'in', [...categoryIds])
      .$if(skus !== undefined, (q) => q.where('sku', 'in', skus!.length ? [...skus!] : ['']))
      .groupBy('category_id')
      .execute();
    return new Map(rows.map((r) => [r.category_id, Number(r.n)]));
  }

  async upsert(trx: Executor<ProductDatabase>, rows: ProductRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) {
      await trx
        .insertInto('product')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) =>
          oc.column('sku').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            description: eb.ref('excluded.description'),
            brand: eb.ref('excluded.brand'),
            brand_key: eb.ref('excluded.brand_key'),
            gtin: eb.ref('excluded.gtin'),
            category_id: eb.ref('excluded.category_id'),
            pack_size: eb.ref('excluded.pack_size'),
            uom: eb.ref('excluded.uom'),
            status: eb.ref('excluded.status'),
            promotable: eb.ref('excluded.promotable'),
            cost_cent_amount: eb.ref('excluded.cost_cent_amount'),
            currency: eb.ref('excluded.currency'),
            updated_at: eb.ref('excluded.updated_at'),
            search_text: eb.ref('excluded.search_text'),
          })),
        )
        .execute();
    }
  }

  private filtered(query: Omit<ProductQuery, 'limit' | 'afterSku'>) {
    let q = this.db.selectFrom('product');
    if (query.categoryIds) q = q.where('category_id', 'in', query.categoryIds.length ? query.categoryIds : ['']);
    if (query.brand) q = q.where('brand_key', '=', query.brand.toLowerCase());
    if (query.status) q = q.where('status', '=', query.status);
    if (query.skus) q = q.where('sku', 'in', query.skus.length ? [...query.skus] : ['']);
    for (const term of query.searchTerms ?? []) q = q.where('search_text', 'like', `%${escapeLike(term)}%`);
    return q;
  }
}

/** LIKE wildcards a user types are dropped rather than escaped: SQLite and PostgreSQL disagree on the default escape. */
function escapeLike(term: string): string {
  return term.replace(/[%_]/g, '');
}
