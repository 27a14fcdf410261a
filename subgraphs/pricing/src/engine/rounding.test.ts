// The engine's rounding: percentages half up to the minor unit; allocations that add up exactly, whatever the order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, percentOfHalfUp } from './rounding.js';

describe('percentOfHalfUp', () => {
  it('rounds half a cent up, in the customer\'s favour', () => {
    expect(percentOfHalfUp(999, 1500)).toBe(150); // 149.85
    expect(percentOfHalfUp(10, 2500)).toBe(3); // 2.5
    expect(percentOfHalfUp(10, 2400)).toBe(2); // 2.4
    expect(percentOfHalfUp(1999, 10000)).toBe(1999);
    expect(percentOfHalfUp(0, 5000)).toBe(0);
  });
});

describe('allocate', () => {
  it('splits in proportion, the cents left going to the largest remainders', () => {
    expect(Object.fromEntries(allocate(100, [{ key: 'a', weight: 1 }, { key: 'b', weight: 1 }, { key: 'c', weight: 1 }]))).toEqual({ a: 34, b: 33, c: 33 });
    expect(Object.fromEntries(allocate(10, [{ key: 'x', weight: 300 }, { key: 'y', weight: 100 }]))).toEqual({ x: 8, y: 2 }); // 7.5 / 2.5: tie to the smaller key
    expect(Object.fromEntries(allocate(0, [{ key: 'x', weight: 3 }]))).toEqual({ x: 0 });
  });

  it('always adds up to the total, never gives a part more than its weight share rounded up, and ignores order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1, maxLength: 4 }), weight: fc.integer({ min: 1, max: 2_000_000_000 }) }), { minLength: 1, maxLength: 12, selector: (p) => p.key }), (total, parts) => {
        const result = allocate(total, parts);
        expect([...result.values()].reduce((s, v) => s + v, 0)).toBe(total);
        const reversed = allocate(total, [...parts].reverse());
        for (const p of parts) expect(reversed.get(p.key)).toBe(result.get(p.key));
        const weights = parts.reduce((s, p) => s + p.weight, 0);
        for (const p of parts) expect(result.get(p.key)!).toBeLessThanOrEqual(Math.ceil((total * p.weight) / weights) + 1);
      }),
    );
  });
});
