// PERCENT_OFF: a percentage off every unit, rounded half up per unit, so a line is its quantity times the shelf price.
import { percentOfHalfUp } from '../rounding.js';
import type { Calculator } from './calculator.js';

export const percentOffCalculator: Calculator = (rule, lines) => {
  const discounts = new Map<string, number>();
  for (const line of lines) discounts.set(line.sku, percentOfHalfUp(line.unitPrice, rule.percentOffBp ?? 0) * line.quantity);
  return discounts;
};
