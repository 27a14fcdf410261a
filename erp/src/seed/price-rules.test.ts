// Charm-price rounding and the minimum-margin check the seeded list prices rely on.
import { describe, expect, it } from 'vitest';
import { clearsMinMargin, marginBp, withPriceEnding } from './price-rules.js';

describe('price rules', () => {
  it('rounds to .49/.99 under $10 and to .99 above', () => {
    expect(withPriceEnding(312)).toBe(299);
    expect(withPriceEnding(330)).toBe(349);
    expect(withPriceEnding(1234)).toBe(1199);
    expect(withPriceEnding(1280)).toBe(1299);
    expect(withPriceEnding(1200, 'up')).toBe(1299);
    expect(withPriceEnding(1200, 'down')).toBe(1199);
    expect(withPriceEnding(10, 'down')).toBe(49);
  });

  it('measures margin on the price and checks it against a floor', () => {
    expect(marginBp(1000, 750)).toBe(2500);
    expect(clearsMinMargin(1000, 750, 2500)).toBe(true);
    expect(clearsMinMargin(1000, 751, 2500)).toBe(false);
  });
});
