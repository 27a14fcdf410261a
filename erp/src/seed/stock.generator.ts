// Writes on-hand and on-order for every item at every location, sized from each item's demand there.
import { BatchInsert } from './batch-insert.js';
import { forEachChunk } from './progress-chunks.js';
import { dailyRateAt } from './demand-model.js';
import { onOrderKey, type OpenOrders } from './purchase-orders.generator.js';
import type { SeedContext } from './seed-context.js';
import type { ItemProfile, LocationProfile, PrimarySupply } from './seed-model.js';

/** Share of positions that are out of stock right now (lost sales, late deliveries, phantom inventory). */
const OUT_OF_STOCK_SHARE = 0.03;
/** A discontinued line being sold down runs out far more often. */
const DISCONTINUED_OUT_OF_STOCK_SHARE = 0.25;
/** Days of cover: stores hold one to three weeks, the online FC a little more, DCs three to eight weeks. */
const STORE_COVER_DAYS: [number, number] = [7, 21];
const ECOMMERCE_COVER_DAYS: [number, number] = [10, 28];
const DC_COVER_DAYS: [number, number] = [21, 56];
/** A store keeps a few units on the shelf even of a slow line, or the shelf looks empty. */
const MIN_SHELF_UNITS: [number, number] = [1, 4];

export function generateStock(
  ctx: SeedContext, items: readonly ItemProfile[], locations: readonly LocationProfile[], primary: PrimarySupply, orders: OpenOrders,
): number {
  const rng = ctx.rng('stock');
  const insert = new BatchInsert(ctx.sqlite, 'INSERT INTO stock (item_no, wh_code, on_hand, on_order, seq, updated_at)', '(?, ?, ?, ?, ?, ?)', 6);
  const nowIso = ctx.nowIso;
  const locationCount = locations.length;
  forEachChunk(ctx, 'stock', items.length, (from, to) => {
    for (let i = from; i < to; i++) {
      const item = items[i] as ItemProfile;
      const discontinued = item.status === 'DISCONTINUED';
      const outOfStockShare = discontinued ? DISCONTINUED_OUT_OF_STOCK_SHARE : OUT_OF_STOCK_SHARE;
      for (let l = 0; l < locationCount; l++) {
        const location = locations[l] as LocationProfile;
        let onHand = 0;
        if (!rng.chance(outOfStockShare)) {
          if (location.type === 'DC') {
            // DCs stock in whole cases; a discontinued line is no longer held centrally.
            const casePack = primary.casePack[i] || 1;
            const units = item.baseRate * location.servedSize * rng.between(DC_COVER_DAYS[0], DC_COVER_DAYS[1]);
            onHand = discontinued ? 0 : Math.ceil(units / casePack) * casePack;
          } else {
            const cover = location.type === 'STORE' ? STORE_COVER_DAYS : ECOMMERCE_COVER_DAYS;
            const units = Math.round(dailyRateAt(ctx.seed, item.baseRate, i, location) * rng.between(cover[0], cover[1]));
            onHand = location.type === 'STORE' ? Math.max(units, rng.int(MIN_SHELF_UNITS[0], MIN_SHELF_UNITS[1])) : units;
          }
        }
        const onOrder = orders.onOrder.get(onOrderKey(i, l, locationCount)) ?? 0;
        insert.add(item.itemNo, location.code, onHand, onOrder, ctx.nextSeq(), nowIso);
      }
    }
    insert.flush();
  });
  return items.length * locationCount;
}
