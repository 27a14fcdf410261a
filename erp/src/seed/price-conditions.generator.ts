// Writes list prices: a national price per channel, and dearer store prices in the high-cost regions.
import { CATEGORIES } from './catalog-vocabulary.js';
import { forEachChunk } from './progress-chunks.js';
import { clearsMinMargin, withPriceEnding } from './price-rules.js';
import type { SeedContext } from './seed-context.js';
import type { ItemProfile } from './seed-model.js';

/** All conditions start on one fixed past date so reseeding on another day yields the same prices. */
export const PRICE_VALID_FROM = '2020-01-01';

/** Regional store uplifts: rent and wages in these regions are priced in. */
const REGIONAL_STORE_UPLIFT: { region: string; factor: number }[] = [
  { region: 'NORTHEAST', factor: 1.03 },
  { region: 'WEST', factor: 1.05 },
];
/** Online prices sit a little under the shelf, matching online competitors; the app shares the web price. */
const ONLINE_FACTOR = 0.97;

export function generatePriceConditions(ctx: SeedContext, items: readonly ItemProfile[]): number {
  const insert = ctx.sqlite.prepare(`INSERT INTO price_condition (item_no, channel, region, amount, currency, valid_from, valid_to, seq)
    VALUES (?, ?, ?, ?, 'USD', '${PRICE_VALID_FROM}', NULL, ?)`);
  let rows = 0;
  forEachChunk(ctx, 'prices', items.length, (from, to) => {
    for (let i = from; i < to; i++) {
      const item = items[i] as ItemProfile;
      const minMarginBp = CATEGORIES[item.categoryIndex]?.minMarginBp ?? 0;
      const online = onlinePrice(item, minMarginBp);
      insert.run(item.itemNo, 'STORE', '', item.priceCents, ctx.nextSeq());
      for (const { region, factor } of REGIONAL_STORE_UPLIFT) {
        insert.run(item.itemNo, 'STORE', region, withPriceEnding(Math.round(item.priceCents * factor), 'up'), ctx.nextSeq());
      }
      insert.run(item.itemNo, 'ECOMMERCE', '', online, ctx.nextSeq());
      insert.run(item.itemNo, 'MOBILE', '', online, ctx.nextSeq());
      rows += 3 + REGIONAL_STORE_UPLIFT.length;
    }
  });
  return rows;
}

/** The web price, unless rounding it to a charm ending would cut into the category's minimum margin. */
function onlinePrice(item: ItemProfile, minMarginBp: number): number {
  const candidate = withPriceEnding(Math.round(item.priceCents * ONLINE_FACTOR), 'nearest');
  return candidate <= item.priceCents && clearsMinMargin(candidate, item.costCents, minMarginBp) ? candidate : item.priceCents;
}
