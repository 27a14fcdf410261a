// MARGIN_BREACH: the promotional unit price is under cost plus the category's minimum margin, where the item sells.
import type { PromotionRule, PromotionType } from '../../engine/engine-model.js';
import { formatMoney } from '../../engine/promotion-description.js';
import { percentOfHalfUp } from '../../engine/rounding.js';
import type { Channel } from '../../services/pricing-model.js';
import type { FoundException } from '../../services/promotions/promotion-model.js';

/** A regular price the promotion will discount: a channel's national price or one region's shelf price. */
export interface PricePoint {
  channel: Channel;
  region: string | null;
  price: number;
}

export interface MarginItem {
  sku: string;
  unitCost: number;
  minMarginBp: number;
  prices: readonly PricePoint[];
}

/**
 * What one unit brings in under the deal at its worst: the unit price for unit-price deals; the
 * average unit of a full group of one SKU for buy X get Y and multibuy; for a spend threshold, a
 * unit of a basket that just reaches it.
 */
export function promotionalUnitValue(type: PromotionType, rule: PromotionRule, price: number): number {
  switch (type) {
    case 'PERCENT_OFF':
      return price - percentOfHalfUp(price, rule.percentOffBp!);
    case 'AMOUNT_OFF':
      return Math.max(0, price - rule.amountOff!);
    case 'FIXED_PRICE':
      return Math.min(price, rule.fixedPrice!);
    case 'BUY_X_GET_Y':
      return Math.floor((price * rule.buyQuantity!) / (rule.buyQuantity! + rule.getQuantity!));
    case 'MULTIBUY':
      return Math.min(price, Math.floor(rule.bundlePrice! / rule.bundleQuantity!));
    case 'SPEND_THRESHOLD':
      return Math.floor((price * (rule.spendThreshold! - rule.spendDiscount!)) / rule.spendThreshold!);
  }
}

/** The lowest price that leaves the margin: margin is a share of the price, so cost / (1 - margin), rounded up. */
export function marginFloor(unitCost: number, minMarginBp: number): number {
  if (minMarginBp >= 10_000) return Number.POSITIVE_INFINITY;
  return Math.ceil((unitCost * 10_000) / (10_000 - minMarginBp));
}

/** One exception per SKU, naming its worst price point. */
export function marginExceptions(type: PromotionType, rule: PromotionRule, items: readonly MarginItem[]): FoundException[] {
  const found: FoundException[] = [];
  for (const item of items) {
    const floor = marginFloor(item.unitCost, item.minMarginBp);
    let worst: { point: PricePoint; value: number } | null = null;
    for (const point of item.prices) {
      const value = promotionalUnitValue(type, rule, point.price);
      if (value < floor && (!worst || value < worst.value)) worst = { point, value };
    }
    if (!worst) continue;
    const money = (n: number) => formatMoney(n, rule.currency);
    const where = worst.point.region ? `${worst.point.channel} in ${worst.point.region}` : worst.point.channel;
    found.push({
      code: 'MARGIN_BREACH',
      sku: item.sku,
      locationId: null,
      channel: worst.point.channel,
      shortfall: null,
      message: `${item.sku} would sell for ${money(worst.value)} (${where}, regular ${money(worst.point.price)}): under cost ${money(item.unitCost)} plus the category's ${item.minMarginBp / 100}% minimum margin (${money(floor)})`,
    });
  }
  return found;
}
