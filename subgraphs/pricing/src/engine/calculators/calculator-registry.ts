// Which calculator prices each promotion type, and in which phase it applies when promotions stack.
import type { PromotionType } from '../engine-model.js';
import { amountOffCalculator } from './amount-off.calculator.js';
import { buyXGetYCalculator } from './buy-x-get-y.calculator.js';
import type { Calculator } from './calculator.js';
import { fixedPriceCalculator } from './fixed-price.calculator.js';
import { multibuyCalculator } from './multibuy.calculator.js';
import { percentOffCalculator } from './percent-off.calculator.js';
import { spendThresholdCalculator } from './spend-threshold.calculator.js';

export const CALCULATORS: Record<PromotionType, Calculator> = {
  PERCENT_OFF: percentOffCalculator,
  AMOUNT_OFF: amountOffCalculator,
  FIXED_PRICE: fixedPriceCalculator,
  BUY_X_GET_Y: buyXGetYCalculator,
  MULTIBUY: multibuyCalculator,
  SPEND_THRESHOLD: spendThresholdCalculator,
};

/**
 * Stackable promotions apply phase by phase: unit prices first (0), then groups of units (1), then
 * the spend on the cart (2), each on what the earlier ones left.
 */
export const PHASE: Record<PromotionType, 0 | 1 | 2> = {
  PERCENT_OFF: 0,
  AMOUNT_OFF: 0,
  FIXED_PRICE: 0,
  BUY_X_GET_Y: 1,
  MULTIBUY: 1,
  SPEND_THRESHOLD: 2,
};
