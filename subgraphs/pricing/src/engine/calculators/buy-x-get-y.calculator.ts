// BUY_X_GET_Y: the targeted units, priciest first, in groups of buy + get; in each full group the get cheapest are free.
import { addTo, unitRuns, type Calculator } from './calculator.js';

export const buyXGetYCalculator: Calculator = (rule, lines) => {
  const buy = rule.buyQuantity ?? 0;
  const get = rule.getQuantity ?? 0;
  const size = buy + get;
  const discounts = new Map<string, number>();
  if (buy < 1 || get < 1) return discounts;
  const runs = unitRuns(lines);
  // Only full groups count; positions past the last full group are paid in full.
  const grouped = Math.floor(runs.reduce((s, r) => s + r.count, 0) / size) * size;
  // Free positions before x: the last `get` offsets of each group. Counting them per run, rather than
  // walking unit by unit, keeps a line of 9,999 units as cheap as a line of one.
  const freeBefore = (x: number) => Math.floor(x / size) * get + Math.max(0, (x % size) - buy);
  let position = 0;
  for (const run of runs) {
    const start = Math.min(position, grouped);
    const end = Math.min(position + run.count, grouped);
    addTo(discounts, run.sku, (freeBefore(end) - freeBefore(start)) * run.price);
    position += run.count;
  }
  return discounts;
};
