// Reads and writes the exception queue: what validation found, who resolved it and how.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Executor } from '@retail-hub/platform';
import type { PricingDatabase } from './pricing-tables.js';
import type { PromotionExceptionTable } from './promotion-tables.js';

export type PromotionExceptionRow = Selectable<PromotionExceptionTable>;

export interface ExceptionQuery {
  promotionId?: string;
  statuses?: readonly string[];
  codes?: readonly string[];
  sku?: string;
  locationId?: string;
}

export class PromotionExceptionRepository {
  constructor(private readonly db: Kysely<PricingDatabase>) {}

  async insertMany(trx: Executor<PricingDatabase>, rows: readonly Insertable<PromotionExceptionTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 400) await trx.insertInto('promotion_exception').values(rows.slice(i, i + 400)).execute();
  }

  /** Removes what a check wrote in this run, so the step can run again after a crash without duplicates. */
  async deleteFound(trx: Executor<PricingDatabase>, promotionId: string, run: number, codes: readonly string[]): Promise<void> {
    await trx.deleteFrom('promotion_exception').where('promotion_id', '=', promotionId).where('validation_run', '=', run).where('code', 'in', [...codes]).execute();
  }

  /** Closes the open exceptions of earlier runs (a new validation or a rejection replaces them). */
  async supersedeOpen(trx: Executor<PricingDatabase>, promotionId: string, at: string): Promise<void> {
    await trx.updateTable('promotion_exception').set({ status: 'SUPERSEDED', resolved_at: at }).where('promotion_id', '=', promotionId).where('status', '=', 'OPEN').execute();
  }

  async find(id: string, executor: Executor<PricingDatabase> = this.db): Promise<PromotionExceptionRow | undefined> {
    return executor.selectFrom('promotion_exception').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async page(query: ExceptionQuery, afterSeq: number | undefined, limit: number): Promise<PromotionExceptionRow[]> {
    let q = this.filtered(query).selectAll().orderBy('seq').limit(limit);
    if (afterSeq !== undefined) q = q.where('seq', '>', afterSeq);
    return q.execute();
  }

  async count(query: ExceptionQuery): Promise<number> {
    const row = await this.filtered(query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Resolves an open exception (compare-and-set); false when someone resolved it first. */
  async resolve(trx: Executor<PricingDatabase>, id: string, change: { resolution: string; reason: string; resolvedBy: string; at: string }): Promise<boolean> {
    const result = await trx
      .updateTable('promotion_exception')
      .set({ status: 'RESOLVED', resolution: change.resolution, reason: change.reason, resolved_by: change.resolvedBy, resolved_at: change.at })
      .where('id', '=', id)
      .where('status', '=', 'OPEN')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Resolves the other open exceptions an exclusion makes moot (the same SKU, or SKU and location). */
  async resolveCovered(trx: Executor<PricingDatabase>, promotionId: string, sku: string, locationId: string | null, change: { resolution: string; reason: string; resolvedBy: string; at: string }): Promise<number> {
    let q = trx
      .updateTable('promotion_exception')
      .set({ status: 'RESOLVED', resolution: change.resolution, reason: change.reason, resolved_by: change.resolvedBy, resolved_at: change.at })
      .where('promotion_id', '=', promotionId)
      .where('status', '=', 'OPEN')
      .where('sku', '=', sku);
    if (locationId) q = q.where('location_id', '=', locationId);
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Units short per SKU over the INSUFFICIENT_STOCK exceptions of a run (the supplier check's input). */
  async shortfallBySku(promotionId: string, run: number): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('promotion_exception')
      .select(['sku', (eb) => eb.fn.sum<number>('shortfall').as('units')])
      .where('promotion_id', '=', promotionId)
      .where('validation_run', '=', run)
      .where('code', '=', 'INSUFFICIENT_STOCK')
      .groupBy('sku')
      .execute();
    return new Map(rows.map((r) => [r.sku, Number(r.units)]));
  }

  async openCount(trx: Executor<PricingDatabase>, promotionId: string): Promise<number> {
    const row = await trx.selectFrom('promotion_exception').select((eb) => eb.fn.countAll<number>().as('n')).where('promotion_id', '=', promotionId).where('status', '=', 'OPEN').executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private filtered(query: ExceptionQuery) {
    let q = this.db.selectFrom('promotion_exception');
    if (query.promotionId) q = q.where('promotion_id', '=', query.promotionId);
    if (query.statuses?.length) q = q.where('status', 'in', [...query.statuses]);
    if (query.codes?.length) q = q.where('code', 'in', [...query.codes]);
    if (query.sku) q = q.where('sku', '=', query.sku);
    if (query.locationId) q = q.where('location_id', '=', query.locationId);
    return q;
  }
}
