// Reads and writes where promotions run and when (UTC windows per location), and which windows opened or closed.
import type { Kysely, Selectable } from 'kysely';
import type { Executor } from '@retail-hub/platform';
import type { PricingDatabase } from './pricing-tables.js';
import type { PromotionLocationTable } from './promotion-tables.js';

export type PromotionLocationRow = Selectable<PromotionLocationTable>;
const RUNNING = ['SCHEDULED', 'LIVE'];

export class PromotionLocationRepository {
  constructor(private readonly db: Kysely<PricingDatabase>) {}

  async replace(trx: Executor<PricingDatabase>, promotionId: string, rows: readonly PromotionLocationRow[]): Promise<void> {
    await trx.deleteFrom('promotion_location').where('promotion_id', '=', promotionId).execute();
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('promotion_location').values(rows.slice(i, i + 500)).execute();
  }

  async forPromotion(promotionId: string, executor: Executor<PricingDatabase> = this.db): Promise<PromotionLocationRow[]> {
    return executor.selectFrom('promotion_location').selectAll().where('promotion_id', '=', promotionId).orderBy('location_id').execute();
  }

  /** Windows of running promotions that have opened and not been published yet. */
  async dueStarts(now: string, limit: number): Promise<PromotionLocationRow[]> {
    return this.db
      .selectFrom('promotion_location as l')
      .innerJoin('promotion as p', 'p.id', 'l.promotion_id')
      .selectAll('l')
      .where('p.status', 'in', RUNNING)
      .where('l.live_at', 'is', null)
      .where('l.starts_at', '<=', now)
      .orderBy('l.starts_at')
      .limit(limit)
      .execute();
  }

  /** Windows that went live and have closed. */
  async dueEnds(now: string, limit: number): Promise<PromotionLocationRow[]> {
    return this.db
      .selectFrom('promotion_location as l')
      .innerJoin('promotion as p', 'p.id', 'l.promotion_id')
      .selectAll('l')
      .where('p.status', 'in', RUNNING)
      .where('l.live_at', 'is not', null)
      .where('l.ended_at', 'is', null)
      .where('l.ends_at', '<=', now)
      .orderBy('l.ends_at')
      .limit(limit)
      .execute();
  }

  /** Marks windows live (compare-and-set); returns the location ids this caller marked. */
  async markLive(trx: Executor<PricingDatabase>, promotionId: string, locationIds: readonly string[], at: string): Promise<string[]> {
    if (locationIds.length === 0) return [];
    const rows = await trx.updateTable('promotion_location').set({ live_at: at }).where('promotion_id', '=', promotionId).where('location_id', 'in', [...locationIds]).where('live_at', 'is', null).returning('location_id').execute();
    return rows.map((r) => r.location_id);
  }

  async markEnded(trx: Executor<PricingDatabase>, promotionId: string, locationIds: readonly string[], at: string): Promise<string[]> {
    if (locationIds.length === 0) return [];
    const rows = await trx.updateTable('promotion_location').set({ ended_at: at }).where('promotion_id', '=', promotionId).where('location_id', 'in', [...locationIds]).where('ended_at', 'is', null).returning('location_id').execute();
    return rows.map((r) => r.location_id);
  }

  /** Closes every window not closed yet (cancellation); returns those that had gone live. */
  async closeAll(trx: Executor<PricingDatabase>, promotionId: string, at: string): Promise<string[]> {
    const rows = await trx.updateTable('promotion_location').set({ ended_at: at }).where('promotion_id', '=', promotionId).where('ended_at', 'is', null).returning(['location_id', 'live_at']).execute();
    return rows.filter((r) => r.live_at !== null).map((r) => r.location_id);
  }

  async openCount(trx: Executor<PricingDatabase>, promotionId: string): Promise<number> {
    const row = await trx.selectFrom('promotion_location').select((eb) => eb.fn.countAll<number>().as('n')).where('promotion_id', '=', promotionId).where('ended_at', 'is', null).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
