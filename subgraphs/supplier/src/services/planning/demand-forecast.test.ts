// The forecast method on series small enough to follow by hand (alpha = beta = 0.1).
import { describe, expect, it } from 'vitest';
import { baseRate, dailyStdDev, fitSeries, seriesFields } from './demand-forecast.js';
import { dayIndexOf, weekdayOf } from './day-index.js';
import { fitWeekdayFactors, flatWeekdayFactors } from './weekday-factors.js';

const flat = () => 1;

describe('fitSeries', () => {
  it('smooths a regular series into a level and tracks the squared one-step error', () => {
    // day 0: x=4 -> level 4 (first day), size 4, interval 1
    // day 1: x=0 -> error -4, mse 1.6, level 3.6
    // day 2: x=6 -> error 2.4, mse 0.1*5.76 + 0.9*1.6 = 2.016, level 0.6 + 3.24 = 3.84, size 4.2, interval 1.1
    // day 3: x=2 -> error -1.84, mse 0.1*3.3856 + 0.9*2.016 = 2.15296, level 0.2 + 3.456 = 3.656, size 3.98, interval 1.09
    const state = fitSeries([4, 0, 6, 2], flat);
    const f = seriesFields(state);
    expect(f.level).toBeCloseTo(3.656, 10);
    expect(f.mse).toBeCloseTo(2.15296, 10);
    expect(f.size).toBeCloseTo(3.98, 10);
    expect(f.interval).toBeCloseTo(1.09, 10);
    expect(f.days).toBe(4);
    // Sales most days (interval 1.09 <= 1.32): the rate is the level.
    expect(baseRate(state, 0)).toBeCloseTo(3.656, 10);
    expect(dailyStdDev(state, 0)).toBeCloseTo(1.4673, 4);
  });

  it('uses Croston with the SBA correction once sales are intermittent', () => {
    // day 2: first sale 3 after 3 days -> size 3, interval 3; from then the rate is 0.95 * 3 / 3 = 0.95
    // days 3-5: no sales, error -0.95 each: mse 0.90025, 0.900475, 0.9006775
    // day 6: x=5 -> error 4.05, mse 1.64025 + 0.81060975 = 2.45085975, size 0.5 + 2.7 = 3.2, interval 0.4 + 2.7 = 3.1
    const state = fitSeries([0, 0, 3, 0, 0, 0, 5], flat);
    const f = seriesFields(state);
    expect(f.size).toBeCloseTo(3.2, 10);
    expect(f.interval).toBeCloseTo(3.1, 10);
    expect(f.mse).toBeCloseTo(2.45085975, 10);
    expect(f.sinceLastSale).toBe(0);
    expect(baseRate(state, 0)).toBeCloseTo((0.95 * 3.2) / 3.1, 10);
  });

  it('deseasonalises with the weekday factor, so a busy Saturday does not inflate the level', () => {
    // Factor 2 on odd days: 2 units on an even day and 4 on an odd day are the same underlying level of 2.
    const state = fitSeries([2, 4, 2, 4, 2, 4], (i) => (i % 2 ? 2 : 1));
    expect(seriesFields(state).level).toBeCloseTo(2, 10);
    expect(seriesFields(state).mse).toBeCloseTo(0, 10);
  });

  it('counts net returns (negative units) as a day without sales and forecasts nothing before any data', () => {
    expect(seriesFields(fitSeries([-3], flat)).level).toBe(0);
    expect(baseRate(new Float64Array(6), 0)).toBe(0);
  });
});

describe('fitWeekdayFactors', () => {
  it('takes each weekday over the mean day, chain-wide', () => {
    // Two weeks from Sunday 2026-11-01: Sundays and Saturdays sell 20, other days 10; mean day 180 / 14.
    const first = dayIndexOf('2026-11-01');
    expect(weekdayOf(first)).toBe(0);
    const totals = Array.from({ length: 14 }, (_, i) => ([0, 6].includes(weekdayOf(first + i)) ? 20 : 10));
    const factors = fitWeekdayFactors(totals, first);
    expect(factors[0]).toBeCloseTo(14 / 9, 10);
    expect(factors[6]).toBeCloseTo(14 / 9, 10);
    expect(factors[3]).toBeCloseTo(7 / 9, 10);
  });

  it('stays flat when there is too little to learn from', () => {
    expect([...fitWeekdayFactors([1, 0, 2, 0, 1, 0, 3, 0, 1, 0, 0, 0, 1, 0], dayIndexOf('2026-11-01'))]).toEqual([...flatWeekdayFactors()]);
  });
});
