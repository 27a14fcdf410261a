// What a promotion changes at one location, on plain data: each SKU's unit price before and after, per channel.
import type { EnginePromotion } from '../engine/engine-model.js';
import { UNIT_PRICE_TYPES } from '../engine/engine-model.js';
import { promotionalUnitPrice } from '../engine/promotion-engine.js';
import type { Channel } from '../services/pricing-model.js';

/** A compact price change, as stored with a publication: [sku, channel, region, previous, current]. */
export type PriceChangeTuple = [sku: string, channel: Channel, region: string | null, previous: number, current: number];

export interface SkuAtLocation {
  sku: string;
  channel: Channel;
  /** The region whose list price applies; null for the national one. */
  region: string | null;
  regular: number;
  unitCost: number | null;
  /** Other unit-price promotions running there at that instant (they stay as they are). */
  others: readonly EnginePromotion[];
}

/**
 * The promotion's effect on each unit price: with it and without it, everything else as it is.
 * Only unit-price deals change a shelf price; basket deals travel as the promotion event itself.
 * Results are memoised by what determines them, so 300 stores of one region cost one computation
 * per SKU, not 300. `entries` are SKUs the promotion runs for, each with the others that run for it
 * (as skusAt gives them).
 */
export function unitPriceChanges(promotion: EnginePromotion, entries: readonly SkuAtLocation[], direction: 'start' | 'end', memo = new Map<string, [number, number]>()): PriceChangeTuple[] {
  if (!UNIT_PRICE_TYPES.has(promotion.type)) return [];
  const changes: PriceChangeTuple[] = [];
  for (const e of entries) {
    const others = e.others.filter((o) => UNIT_PRICE_TYPES.has(o.type) && o.id !== promotion.id);
    const key = `${e.sku}|${e.regular}|${e.unitCost}|${others.map((o) => o.id).join(',')}`;
    let prices = memo.get(key);
    if (!prices) {
      const line = { sku: e.sku, unitPrice: e.regular, unitCost: e.unitCost };
      // Each entry is a SKU the promotion and its others run for: narrowed to it, a cart of one need not index thousands of targets.
      const mine = others.map((o) => onlyFor(o, e.sku));
      const without = promotionalUnitPrice(line, mine).price;
      const withIt = promotionalUnitPrice(line, [...mine, onlyFor(promotion, e.sku)]).price;
      prices = [without, withIt];
      memo.set(key, prices);
    }
    const [without, withIt] = prices;
    if (without === withIt) continue;
    changes.push(direction === 'start' ? [e.sku, e.channel, e.region, without, withIt] : [e.sku, e.channel, e.region, withIt, without]);
  }
  return changes;
}

/** The promotion as it applies to one SKU it runs for (margin approvals kept). */
function onlyFor(promotion: EnginePromotion, sku: string): EnginePromotion {
  return { ...promotion, targets: { skus: [sku] } };
}
