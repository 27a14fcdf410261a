// What every promotion type's calculator takes and gives: the lines it targets at their current prices, the discount per line.
import type { PromotionRule } from '../engine-model.js';

/** A targeted line as earlier promotions left it. */
export interface CalcLine {
  sku: string;
  quantity: number;
  /** The unit price after unit-price promotions applied before this one. */
  unitPrice: number;
  /** What is left of the line total after every promotion applied before this one. */
  remaining: number;
}

/** The discount for each line it gives money off (whole line, minor units); lines not in the map get nothing. */
export type Calculator = (rule: PromotionRule, lines: readonly CalcLine[]) => Map<string, number>;

/** Groups of units for BUY_X_GET_Y and MULTIBUY: priciest first, ties by SKU, so the grouping does not depend on line order. */
export interface UnitRun {
  sku: string;
  price: number;
  count: number;
}

export function unitRuns(lines: readonly CalcLine[]): UnitRun[] {
  return lines
    .filter((l) => l.quantity > 0)
    .map((l) => ({ sku: l.sku, price: l.unitPrice, count: l.quantity }))
    .sort((a, b) => b.price - a.price || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

export function addTo(map: Map<string, number>, key: string, amount: number): void {
  if (amount > 0) map.set(key, (map.get(key) ?? 0) + amount);
}
