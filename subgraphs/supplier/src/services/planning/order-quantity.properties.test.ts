// Properties of the quantities replenishment orders, over random needs, terms and capacities (fast-check).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateCapacity } from './capacity-allocation.js';
import { minimumLot, roundOrderQuantity } from './order-rounding.js';
import { aboveReorderPoint, demandWeights, planPosition } from './position-plan.js';
import { safetyFactor } from './service-level.js';

const terms = fc.record({ packSize: fc.integer({ min: 1, max: 48 }), minOrderQty: fc.integer({ min: 0, max: 240 }) });
const need = fc.double({ min: 0, max: 5000, noNaN: true });

describe('order quantity properties', () => {
  it('a rounded quantity is >= 0, whole cases, >= the minimum when positive, covers the need, and overshoots by less than a case or the allowed excess', () => {
    fc.assert(
      fc.property(need, terms, fc.double({ min: 0, max: 500, noNaN: true }), (raw, { packSize, minOrderQty }, excessAllowed) => {
        const { quantity, belowMinimum } = roundOrderQuantity(raw, packSize, minOrderQty, excessAllowed);
        expect(quantity).toBeGreaterThanOrEqual(0);
        expect(quantity % packSize).toBe(0);
        if (quantity > 0) expect(quantity).toBeGreaterThanOrEqual(minOrderQty);
        if (quantity > 0) expect(quantity).toBeGreaterThanOrEqual(raw - 1e-6);
        if (belowMinimum && quantity > 0) expect(quantity - raw).toBeLessThanOrEqual(excessAllowed + 1e-6);
        if (!belowMinimum && raw > 1e-6) expect(quantity - raw).toBeLessThan(packSize + 1e-6);
        // Only a need below the minimum goes unordered.
        if (raw > 1e-6 && quantity === 0) expect(belowMinimum).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('capacity allocation never exceeds capacity or a location\'s need, and keeps whole cases and the minimum', () => {
    fc.assert(
      fc.property(fc.array(need, { minLength: 1, maxLength: 60 }), terms, fc.double({ min: 0, max: 1.5, noNaN: true }), (needs, { packSize, minOrderQty }, capacityShare) => {
        const quantities = Int32Array.from(needs, (n) => roundOrderQuantity(n, packSize, minOrderQty).quantity);
        const total = quantities.reduce((a, q) => a + q, 0);
        const available = Math.floor(total * capacityShare);
        const lot = minimumLot(packSize, minOrderQty);
        const out = new Int32Array(quantities.length);
        const exceeded = allocateCapacity(quantities, quantities.length, available, packSize, lot, out);
        expect(exceeded).toBe(total > available);
        expect(out.reduce((a, q) => a + q, 0)).toBeLessThanOrEqual(Math.max(available, exceeded ? 0 : total));
        out.forEach((q, i) => {
          expect(q).toBeGreaterThanOrEqual(0);
          expect(q).toBeLessThanOrEqual(quantities[i]!);
          expect(q % packSize).toBe(0);
          if (q > 0) expect(q).toBeGreaterThanOrEqual(minOrderQty);
        });
        if (!exceeded) expect([...out]).toEqual([...quantities]);
      }),
      { numRuns: 1000 },
    );
  });

  it('a planned position orders >= 0 in whole cases, >= the minimum when positive, and nothing above the reorder point', () => {
    const position = fc.record({
      rate: fc.double({ min: 0, max: 200, noNaN: true }),
      dailyStdDev: fc.double({ min: 0, max: 100, noNaN: true }),
      leadTimeDays: fc.integer({ min: 0, max: 30 }),
      reviewPeriodDays: fc.integer({ min: 1, max: 28 }),
      serviceLevel: fc.double({ min: 0.5, max: 0.9999, noNaN: true }),
      onHand: fc.integer({ min: 0, max: 5000 }),
      inbound: fc.integer({ min: 0, max: 5000 }),
      reserved: fc.integer({ min: 0, max: 5000 }),
      factors: fc.array(fc.double({ min: 0.1, max: 3, noNaN: true }), { minLength: 7, maxLength: 7 }),
    });
    fc.assert(
      fc.property(position, terms, (p, { packSize, minOrderQty }) => {
        const horizonDays = p.leadTimeDays + p.reviewPeriodDays;
        const plan = planPosition({ ...p, weights: demandWeights(p.factors, 20_000, p.leadTimeDays, horizonDays), horizonDays, z: safetyFactor(p.serviceLevel), packSize, minOrderQty });
        expect(plan.rawQuantity).toBeGreaterThanOrEqual(0);
        expect(plan.roundedQuantity % packSize).toBe(0);
        if (plan.roundedQuantity > 0) expect(plan.roundedQuantity).toBeGreaterThanOrEqual(minOrderQty);
        if (plan.position > plan.reorderPoint) expect(plan.roundedQuantity).toBe(0);
        expect(plan.orderUpTo).toBeGreaterThanOrEqual(plan.reorderPoint - 1e-9);
        // The run's shortcut agrees with the full plan on which positions order nothing.
        const weights = demandWeights(p.factors, 20_000, p.leadTimeDays, horizonDays);
        expect(aboveReorderPoint(p.rate, p.dailyStdDev, weights.lead, horizonDays, safetyFactor(p.serviceLevel), p.onHand + p.inbound - p.reserved)).toBe(plan.position > plan.reorderPoint);
      }),
      { numRuns: 2000 },
    );
  });
});
