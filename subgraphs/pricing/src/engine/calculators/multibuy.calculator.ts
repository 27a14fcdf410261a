// MULTIBUY (n for a price): the targeted units, priciest first, in groups of n; each full group costs the bundle price.
import { allocate } from '../rounding.js';
import { addTo, unitRuns, type Calculator } from './calculator.js';

export const multibuyCalculator: Calculator = (rule, lines) => {
  const n = rule.bundleQuantity ?? 0;
  const price = rule.bundlePrice ?? 0;
  const discounts = new Map<string, number>();
  if (n < 2) return discounts;
  let group: { sku: string; price: number; count: number }[] = [];
  let inGroup = 0;
  for (const run of unitRuns(lines)) {
    let left = run.count;
    while (left > 0) {
      if (inGroup === 0 && left >= n) {
        // Whole bundles of one SKU: each saves n x price - bundle price (never a surcharge).
        const bundles = Math.floor(left / n);
        addTo(discounts, run.sku, bundles * Math.max(0, n * run.price - price));
        left -= bundles * n;
        continue;
      }
      const take = Math.min(left, n - inGroup);
      group.push({ sku: run.sku, price: run.price, count: take });
      inGroup += take;
      left -= take;
      if (inGroup === n) {
        // A bundle of several SKUs: its saving is split over them in proportion to what they cost.
        const value = group.reduce((s, g) => s + g.price * g.count, 0);
        const parts = allocate(Math.max(0, value - price), group.map((g) => ({ key: g.sku, weight: g.price * g.count })));
        for (const [sku, amount] of parts) addTo(discounts, sku, amount);
        group = [];
        inGroup = 0;
      }
    }
  }
  return discounts;
};
