// FIXED_PRICE: every unit sells for the promotional price; a unit already cheaper keeps its price.
import type { Calculator } from './calculator.js';

export const fixedPriceCalculator: Calculator = (rule, lines) => {
  const discounts = new Map<string, number>();
  for (const line of lines) discounts.set(line.sku, Math.max(0, line.unitPrice - (rule.fixedPrice ?? line.unitPrice)) * line.quantity);
  return discounts;
};
