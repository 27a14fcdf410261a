// Proposals for a few positions, computed by hand (z = 1.6449 for 95%; every figure rounded to 4 decimals as produced).
import { describe, expect, it } from 'vitest';
import { allocateCapacity } from './capacity-allocation.js';
import { dayIndexOf } from './day-index.js';
import { demandWeights, planPosition, promotionMissed } from './position-plan.js';
import { safetyFactor } from './service-level.js';

const FLAT = [1, 1, 1, 1, 1, 1, 1];
const MONDAY = dayIndexOf('2026-11-30');

describe('planPosition', () => {
  it('orders up to the order-up-to level in whole cases when the position is at or below the reorder point', () => {
    // 4 a day, sd 2, lead 5, review 7 (H = 12). SS = 1.6449 * 2 * sqrt(12) = 11.3962
    // ROP = 20 + 11.3962 = 31.3962; OUT = 48 + 11.3962 = 59.3962; position 20 + 0 - 2 = 18
    // raw = 59.3962 - 18 = 41.3962 -> 4 cases of 12 = 48 (above the minimum of 24)
    const plan = planPosition({ rate: 4, dailyStdDev: 2, weights: demandWeights(FLAT, MONDAY, 5, 12), horizonDays: 12, z: 1.6449, onHand: 20, inbound: 0, reserved: 2, packSize: 12, minOrderQty: 24 });
    expect(plan).toEqual({
      forecastDailyDemand: 4,
      dailyStdDev: 2,
      leadTimeDemand: 20,
      horizonDemand: 48,
      promotionUplift: 0,
      safetyStock: 11.3962,
      reorderPoint: 31.3962,
      orderUpTo: 59.3962,
      position: 18,
      rawQuantity: 41.3962,
      roundedQuantity: 48,
      belowMinimum: false,
    });
  });

  it('orders nothing while the position is above the reorder point', () => {
    // Same SKU with 30 on hand and 10 inbound: position 40 > ROP 31.3962.
    const plan = planPosition({ rate: 4, dailyStdDev: 2, weights: demandWeights(FLAT, MONDAY, 5, 12), horizonDays: 12, z: 1.6449, onHand: 30, inbound: 10, reserved: 0, packSize: 12, minOrderQty: 24 });
    expect(plan).toMatchObject({ position: 40, reorderPoint: 31.3962, rawQuantity: 0, roundedQuantity: 0 });
  });

  it('raises a need below the minimum order to the minimum when the extra sells within 28 days (BELOW_MOQ)', () => {
    // 1 a day, sd 1, lead 3, review 7 (H = 10). SS = 1.6449 * 1 * sqrt(10) = 5.2016
    // ROP = 3 + 5.2016 = 8.2016; OUT = 10 + 5.2016 = 15.2016; position 4; raw 11.2016 -> 2 cases of 6 = 12, below the 24 minimum
    // 24 - 11.2016 = 12.7984 extra units, within 28 days of demand (28): order 24
    const plan = planPosition({ rate: 1, dailyStdDev: 1, weights: demandWeights(FLAT, MONDAY, 3, 10), horizonDays: 10, z: 1.6449, onHand: 4, inbound: 0, reserved: 0, packSize: 6, minOrderQty: 24 });
    expect(plan).toMatchObject({ leadTimeDemand: 3, horizonDemand: 10, safetyStock: 5.2016, reorderPoint: 8.2016, orderUpTo: 15.2016, rawQuantity: 11.2016, roundedQuantity: 24, belowMinimum: true });
  });

  it('orders nothing for a slow line whose minimum order would last for months, and says so (BELOW_MOQ)', () => {
    // 0.3 a day, sd 0.6, lead 3, review 7 (H = 10). SS = 1.6449 * 0.6 * sqrt(10) = 3.121
    // ROP = 0.9 + 3.121 = 4.021; OUT = 3 + 3.121 = 6.121; position 2; raw 4.121
    // the minimum of 24 is 19.879 units more than needed, over 28 days of demand (8.4): not ordered
    const plan = planPosition({ rate: 0.3, dailyStdDev: 0.6, weights: demandWeights(FLAT, MONDAY, 3, 10), horizonDays: 10, z: 1.6449, onHand: 2, inbound: 0, reserved: 0, packSize: 6, minOrderQty: 24 });
    expect(plan).toMatchObject({ leadTimeDemand: 0.9, horizonDemand: 3, safetyStock: 3.121, reorderPoint: 4.021, orderUpTo: 6.121, rawQuantity: 4.121, roundedQuantity: 0, belowMinimum: true });
  });

  it('applies weekday factors and a weekend promotion\'s uplift inside its window', () => {
    // Run on Monday 2026-11-30, lead 2, review 7: Mon Tue | Wed Thu Fri Sat Sun Mon Tue.
    // Factors Sun..Sat 1.4 0.8 0.8 0.9 0.9 1.0 1.2: lead weight 1.6; horizon 8.6, with Sat-Sun at x2: 8.6 + 1.2 + 1.4 = 11.2
    // 10 a day: lead demand 16, horizon 112, uplift 112 - 86 = 26. SS = 1.6449 * 3 * sqrt(9) = 14.8041
    // ROP 30.8041, OUT 126.8041, position 20 + 12 - 5 = 27 -> raw 99.8041 -> 5 cases of 24 = 120
    const factors = [1.4, 0.8, 0.8, 0.9, 0.9, 1.0, 1.2];
    const weekend = { promotionId: 'PROMO-1', startDay: dayIndexOf('2026-12-05'), endDay: dayIndexOf('2026-12-06'), uplift: 2 };
    const weights = demandWeights(factors, MONDAY, 2, 9, [weekend]);
    expect(weights.lead).toBeCloseTo(1.6, 10);
    expect(weights.horizon).toBeCloseTo(11.2, 10);
    const plan = planPosition({ rate: 10, dailyStdDev: 3, weights, horizonDays: 9, z: 1.6449, onHand: 20, inbound: 12, reserved: 5, packSize: 24, minOrderQty: 48 });
    expect(plan).toMatchObject({ leadTimeDemand: 16, horizonDemand: 112, promotionUplift: 26, safetyStock: 14.8041, reorderPoint: 30.8041, orderUpTo: 126.8041, position: 27, rawQuantity: 99.8041, roundedQuantity: 120 });
    // Arriving Wednesday (lead 2) is before the Saturday start; arriving Sunday (lead 6) is not.
    expect(promotionMissed([weekend], MONDAY, MONDAY + 2)).toBeNull();
    expect(promotionMissed([weekend], MONDAY, MONDAY + 6)).toBe(weekend);
    expect(promotionMissed([weekend], MONDAY, MONDAY + 5)).toBe(weekend);
  });
});

describe('safetyFactor', () => {
  it('maps service levels to z', () => {
    expect(safetyFactor(0.95)).toBe(1.6449);
    expect(safetyFactor(0.9)).toBe(1.2816);
    expect(safetyFactor(0.99)).toBe(2.3263);
    expect(safetyFactor(0.5)).toBe(0);
    expect(() => safetyFactor(1)).toThrow(RangeError);
  });
});

describe('allocateCapacity', () => {
  it('shares capacity in proportion to need, in whole cases, never below the minimum lot', () => {
    // Needs 48, 24, 96 against 120 (share 5/7): 34.29, 17.14, 68.57 -> cases 24, 0 (12 < lot 24), 60; 36 left
    // largest remainders: 17.14 (gets the lot of 24), 10.29 (one case), 8.57 (nothing left)
    const out = new Int32Array(3);
    expect(allocateCapacity(Int32Array.from([48, 24, 96]), 3, 120, 12, 24, out)).toBe(true);
    expect([...out]).toEqual([36, 24, 60]);
  });

  it('leaves quantities alone within capacity', () => {
    const out = new Int32Array(2);
    expect(allocateCapacity(Int32Array.from([48, 24]), 2, 72, 12, 24, out)).toBe(false);
    expect([...out]).toEqual([48, 24]);
  });
});
