// SPEND_THRESHOLD: when what is left to pay on the targeted lines reaches the threshold, the saving is split over them.
import { allocate } from '../rounding.js';
import type { Calculator } from './calculator.js';

export const spendThresholdCalculator: Calculator = (rule, lines) => {
  const spend = lines.reduce((s, l) => s + l.remaining, 0);
  if (spend < (rule.spendThreshold ?? Infinity)) return new Map();
  // In proportion to each line's share of the spend, so a cheap line never takes more than it costs.
  return allocate(Math.min(rule.spendDiscount ?? 0, spend), lines.map((l) => ({ key: l.sku, weight: l.remaining })));
};
