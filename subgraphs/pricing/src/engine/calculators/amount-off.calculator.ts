// AMOUNT_OFF: a fixed amount off every unit, never more than the unit's price.
import type { Calculator } from './calculator.js';

export const amountOffCalculator: Calculator = (rule, lines) => {
  const discounts = new Map<string, number>();
  for (const line of lines) discounts.set(line.sku, Math.min(rule.amountOff ?? 0, line.unitPrice) * line.quantity);
  return discounts;
};
