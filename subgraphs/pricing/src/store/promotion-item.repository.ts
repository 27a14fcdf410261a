// Reads and writes what validation resolved a promotion to: its items (with cost snapshot) and item-at-location exclusions.
import type { Kysely, Selectable } from 'kysely';
import type { Executor } from '@retail-hub/platform';
import type { PricingDatabase } from './pricing-tables.js';
import type { PromotionItemTable } from './promotion-tables.js';

export type PromotionItemRow = Selectable<PromotionItemTable>;

export class PromotionItemRepository {
  constructor(private readonly db: Kysely<PricingDatabase>) {}

  /** Replaces the items of a promotion (a new validation run resolves its targets again). */
  async replace(trx: Executor<PricingDatabase>, promotionId: string, rows: readonly PromotionItemRow[]): Promise<void> {
    await trx.deleteFrom('promotion_item').where('promotion_id', '=', promotionId).execute();
    await trx.deleteFrom('promotion_item_exclusion').where('promotion_id', '=', promotionId).execute();
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('promotion_item').values(rows.slice(i, i + 500)).execute();
  }

  async items(promotionId: string, executor: Executor<PricingDatabase> = this.db, includeExcluded = false): Promise<PromotionItemRow[]> {
    let q = executor.selectFrom('promotion_item').selectAll().where('promotion_id', '=', promotionId);
    if (!includeExcluded) q = q.where('excluded', '=', 0);
    return q.orderBy('sku').execute();
  }

  async itemsOf(promotionIds: readonly string[]): Promise<PromotionItemRow[]> {
    if (promotionIds.length === 0) return [];
    return this.db.selectFrom('promotion_item').selectAll().where('promotion_id', 'in', [...promotionIds]).where('excluded', '=', 0).execute();
  }

  async exclude(trx: Executor<PricingDatabase>, promotionId: string, sku: string): Promise<void> {
    await trx.updateTable('promotion_item').set({ excluded: 1 }).where('promotion_id', '=', promotionId).where('sku', '=', sku).execute();
  }

  async approveMargin(trx: Executor<PricingDatabase>, promotionId: string, sku: string): Promise<void> {
    await trx.updateTable('promotion_item').set({ margin_approved: 1 }).where('promotion_id', '=', promotionId).where('sku', '=', sku).execute();
  }

  async excludeAtLocation(trx: Executor<PricingDatabase>, promotionId: string, sku: string, locationId: string): Promise<void> {
    await trx.insertInto('promotion_item_exclusion').values({ promotion_id: promotionId, sku, location_id: locationId }).onConflict((oc) => oc.doNothing()).execute();
  }

  async exclusions(promotionId: string, executor: Executor<PricingDatabase> = this.db): Promise<{ sku: string; locationId: string }[]> {
    const rows = await executor.selectFrom('promotion_item_exclusion').select(['sku', 'location_id']).where('promotion_id', '=', promotionId).orderBy('sku').orderBy('location_id').execute();
    return rows.map((r) => ({ sku: r.sku, locationId: r.location_id }));
  }
}
