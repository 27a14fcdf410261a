// Each promotion type's calculator on hand-computed carts.
import { describe, expect, it } from 'vitest';
import type { CalcLine } from './calculator.js';
import { amountOffCalculator } from './amount-off.calculator.js';
import { buyXGetYCalculator } from './buy-x-get-y.calculator.js';
import { fixedPriceCalculator } from './fixed-price.calculator.js';
import { multibuyCalculator } from './multibuy.calculator.js';
import { percentOffCalculator } from './percent-off.calculator.js';
import { spendThresholdCalculator } from './spend-threshold.calculator.js';

const line = (sku: string, quantity: number, unitPrice: number): CalcLine => ({ sku, quantity, unitPrice, remaining: unitPrice * quantity });
const usd = { currency: 'USD' };
const obj = (m: Map<string, number>) => Object.fromEntries(m);

describe('unit-price calculators', () => {
  it('PERCENT_OFF takes the rounded percentage off each unit', () => {
    // 15% of 999 is 149.85 -> 150 per unit, x3.
    expect(obj(percentOffCalculator({ ...usd, percentOffBp: 1500 }, [line('A', 3, 999), line('B', 1, 200)]))).toEqual({ A: 450, B: 30 });
  });
  it('AMOUNT_OFF takes a fixed amount off each unit, never more than the unit', () => {
    expect(obj(amountOffCalculator({ ...usd, amountOff: 150 }, [line('A', 2, 1000), line('B', 3, 100)]))).toEqual({ A: 300, B: 300 });
  });
  it('FIXED_PRICE sells each unit at the price, leaving cheaper units alone', () => {
    expect(obj(fixedPriceCalculator({ ...usd, fixedPrice: 499 }, [line('A', 2, 699), line('B', 1, 399)]))).toEqual({ A: 400, B: 0 });
  });
});

describe('BUY_X_GET_Y', () => {
  const rule = { ...usd, buyQuantity: 2, getQuantity: 1 };
  it('makes the cheapest unit of every full group of three free', () => {
    // Units priciest first: 500 500 500 | 500 300 300 | 300 -> free: 500 (A), 300 (B); the last unit is no full group.
    expect(obj(buyXGetYCalculator(rule, [line('B', 3, 300), line('A', 4, 500)]))).toEqual({ A: 500, B: 300 });
  });
  it('gives nothing below a full group, and counts groups inside one long line arithmetically', () => {
    expect(obj(buyXGetYCalculator(rule, [line('A', 2, 500)]))).toEqual({});
    expect(obj(buyXGetYCalculator(rule, [line('A', 9999, 100)]))).toEqual({ A: 3333 * 100 });
    expect(obj(buyXGetYCalculator({ ...usd, buyQuantity: 1, getQuantity: 1 }, [line('A', 1, 900), line('B', 1, 100), line('C', 1, 50)]))).toEqual({ B: 100 });
  });
});

describe('MULTIBUY', () => {
  const rule = { ...usd, bundleQuantity: 3, bundlePrice: 1000 };
  it('prices each full bundle of one SKU at the bundle price', () => {
    // 7 x 450 = two bundles (2 x (1350 - 1000)) and one unit at full price.
    expect(obj(multibuyCalculator(rule, [line('A', 7, 450)]))).toEqual({ A: 700 });
  });
  it('splits a mixed bundle\'s saving over its SKUs by what they cost, and never surcharges', () => {
    // Bundle A 600, A 600, B 300 = 1500 -> saves 500, split 1200:300 -> 400 / 100.
    expect(obj(multibuyCalculator(rule, [line('B', 1, 300), line('A', 2, 600)]))).toEqual({ A: 400, B: 100 });
    expect(obj(multibuyCalculator(rule, [line('A', 3, 200)]))).toEqual({});
  });
});

describe('SPEND_THRESHOLD', () => {
  const rule = { ...usd, spendThreshold: 5000, spendDiscount: 1000 };
  it('saves once the targeted spend reaches the threshold, split by each line\'s share', () => {
    expect(obj(spendThresholdCalculator(rule, [line('A', 1, 3000), line('B', 2, 1000)]))).toEqual({ A: 600, B: 400 });
    expect(obj(spendThresholdCalculator(rule, [line('A', 1, 4999)]))).toEqual({});
  });
  it('measures what is left after earlier promotions', () => {
    expect(obj(spendThresholdCalculator(rule, [{ ...line('A', 1, 6000), remaining: 4000 }]))).toEqual({});
  });
});
