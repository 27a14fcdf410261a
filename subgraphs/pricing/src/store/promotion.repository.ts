// Reads and writes promotions: guarded state transitions (compare-and-set), pages for the list query.
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Executor } from '@retail-hub/platform';
import type { PricingDatabase } from './pricing-tables.js';
import type { PromotionTable } from './promotion-tables.js';

export type PromotionRow = Selectable<PromotionTable>;

export interface PromotionQuery {
  statuses?: readonly string[];
  /** Promotions that target this SKU (after validation resolved their targets). */
  sku?: string;
  search?: string;
}

export class PromotionRepository {
  constructor(private readonly db: Kysely<PricingDatabase>) {}

  async insert(executor: Executor<PricingDatabase>, row: PromotionRow): Promise<void> {
    await executor.insertInto('promotion').values(row).execute();
  }

  async find(id: string, executor: Executor<PricingDatabase> = this.db): Promise<PromotionRow | undefined> {
    return executor.selectFrom('promotion').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findMany(ids: readonly string[]): Promise<PromotionRow[]> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('promotion').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  }

  /**
   * Changes a promotion only if it is in one of `from` (compare-and-set), bumping its version; returns
   * the new row, or undefined when another change got there first. On PostgreSQL the update also
   * takes the row lock, so the rest of the caller's transaction is serialised with other changes.
   */
  async transition(executor: Executor<PricingDatabase>, id: string, from: readonly string[], set: Updateable<PromotionTable>): Promise<PromotionRow | undefined> {
    return executor
      .updateTable('promotion')
      .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('status', 'in', [...from])
      .returningAll()
      .executeTakeFirst();
  }

  /** Newest first; `after` is the (created_at, id) of the last row of the previous page. */
  async page(query: PromotionQuery, after: { createdAt: string; id: string } | undefined, limit: number): Promise<PromotionRow[]> {
    let q = this.filtered(query).selectAll('promotion').orderBy('promotion.created_at', 'desc').orderBy('promotion.id', 'desc').limit(limit);
    if (after) q = q.where((eb) => eb.or([eb('promotion.created_at', '<', after.createdAt), eb.and([eb('promotion.created_at', '=', after.createdAt), eb('promotion.id', '<', after.id)])]));
    return q.execute();
  }

  async count(query: PromotionQuery): Promise<number> {
    const row = await this.filtered(query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Promotions in these states whose windows may overlap [from, to) (local times compared with a day's margin either side). */
  async overlapping(statuses: readonly string[], startsLocal: string, endsLocal: string, excludeId: string): Promise<PromotionRow[]> {
    return this.db
      .selectFrom('promotion')
      .selectAll()
      .where('status', 'in', [...statuses])
      .where('id', '!=', excludeId)
      .where('starts_local', '<', endsLocal)
      .where('ends_local', '>', startsLocal)
      .execute();
  }

  private filtered(query: PromotionQuery) {
    let q = this.db.selectFrom('promotion');
    if (query.statuses?.length) q = q.where('promotion.status', 'in', [...query.statuses]);
    if (query.sku) q = q.where((eb) => eb.exists(eb.selectFrom('promotion_item as i').select('i.sku').whereRef('i.promotion_id', '=', 'promotion.id').where('i.sku', '=', query.sku!)));
    if (query.search) q = q.where('promotion.name', 'like', `%${query.search.replace(/[%_]/g, '')}%`);
    return q;
  }
}
