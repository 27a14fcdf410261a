// Folds the days that have closed into SKUs' demand blocks (from the order events recorded since), before a run plans with them.
import type { Clock } from '@retail-hub/platform';
import type { Kysely } from 'kysely';
import { grown } from '../store/block-codec.js';
import type { DemandBlock, DemandBlockRepository } from '../store/demand-block.repository.js';
import type { DemandDayRepository } from '../store/demand-day.repository.js';
import type { SupplierDatabase } from '../store/supplier-tables.js';
import type { LocationSlots } from './location-slots.js';
import { SERIES_FIELDS } from './planning/demand-forecast.js';
import { foldDays } from './planning/demand-fold.js';

export class DemandCatchUp {
  constructor(
    private readonly deps: { db: Kysely<SupplierDatabase>; blocks: DemandBlockRepository; days: DemandDayRepository; slots: LocationSlots; clock: Clock },
  ) {}

  /**
   * Brings the blocks of `skus` up to `toDay` (the day before the run's) and returns them. Blocks are read again
   * under lock inside the transaction, so two runs folding at once cannot fold a day twice or lose its sales.
   */
  async foldThrough(skus: readonly string[], toDay: number): Promise<Map<string, DemandBlock>> {
    const { db, blocks, days, slots, clock } = this.deps;
    return db.transaction().execute(async (trx) => {
      const locked = await blocks.lock(trx, skus);
      const stale = [...locked.values()].filter((b) => b.throughDay < toDay);
      if (stale.length === 0) return locked;
      const staleSkus = stale.map((b) => b.sku);
      const units = await days.upTo(trx, staleSkus, toDay);
      const width = slots.width;
      const bySku = new Map<string, { slot: number; day: number; units: number }[]>();
      for (const u of units) bySku.set(u.sku, [...(bySku.get(u.sku) ?? []), { slot: slots.slotOf(u.locationId) ?? width, day: u.day, units: u.units }]);
      for (const block of stale) {
        block.series = grown(block.series, width * SERIES_FIELDS);
        foldDays(block, bySku.get(block.sku) ?? [], toDay, width);
      }
      await blocks.save(trx, stale, clock.now().toISOString());
      await days.deleteUpTo(trx, staleSkus, toDay);
      return locked;
    });
  }
}
