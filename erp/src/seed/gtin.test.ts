// GTIN-13 check digits against published examples, and uniqueness of allocated codes.
import { describe, expect, it } from 'vitest';
import { buildGtin13, gtin13CheckDigit, isValidGtin13 } from './gtin.js';
import { createGtinAllocator } from './gtin-allocator.js';

describe('gtin', () => {
  it('computes the GS1 check digit of known barcodes', () => {
    expect(gtin13CheckDigit('400638133393')).toBe(1); // 4006381333931, GS1's own EAN-13 example
    expect(gtin13CheckDigit('978030640615')).toBe(7); // ISBN 978-0-306-40615-7
    expect(isValidGtin13('4006381333931')).toBe(true);
    expect(isValidGtin13('4006381333932')).toBe(false);
    expect(isValidGtin13('400638133393')).toBe(false);
  });

  it('builds a valid US-form code from a company prefix and item reference', () => {
    const gtin = buildGtin13(614141, 12345);
    expect(gtin).toMatch(/^0614141123452$/);
    expect(isValidGtin13(gtin)).toBe(true);
    expect(() => buildGtin13(614141, 100_000)).toThrow();
  });

  it('never hands out the same code twice across brands', () => {
    const next = createGtinAllocator();
    const codes = Array.from({ length: 30_000 }, (_, i) => next(`brand-${i % 37}`));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every(isValidGtin13)).toBe(true);
  });
});
