// Cart input checks: each bad input names its field; duplicate SKUs merge into the first line.
import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { mergeCartLines } from './cart-input.js';

function fieldOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return (error as GraphQLError).extensions.field;
  }
  throw new Error('expected a BAD_USER_INPUT');
}

describe('mergeCartLines', () => {
  it('merges lines of the same SKU into the first, keeping the order of first appearance', () => {
    const merged = mergeCartLines([
      { sku: 'SKU-000002', quantity: 1 },
      { sku: 'SKU-000001', quantity: 2 },
      { sku: 'SKU-000002', quantity: 3 },
    ]);
    expect(merged).toEqual([
      { sku: 'SKU-000002', quantity: 4, index: 0 },
      { sku: 'SKU-000001', quantity: 2, index: 1 },
    ]);
  });

  it('names the lines when there are none or too many', () => {
    expect(fieldOf(() => mergeCartLines([]))).toBe('input.lines');
    expect(fieldOf(() => mergeCartLines(Array.from({ length: 201 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1 }))))).toBe('input.lines');
    expect(mergeCartLines(Array.from({ length: 200 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1 })))).toHaveLength(200);
  });

  it('names the quantity of the line that is out of range', () => {
    expect(fieldOf(() => mergeCartLines([{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 0 }]))).toBe('input.lines.1.quantity');
    expect(fieldOf(() => mergeCartLines([{ sku: 'A', quantity: 10000 }]))).toBe('input.lines.0.quantity');
    expect(fieldOf(() => mergeCartLines([{ sku: 'A', quantity: -3 }]))).toBe('input.lines.0.quantity');
    expect(mergeCartLines([{ sku: 'A', quantity: 9999 }])[0]!.quantity).toBe(9999);
  });

  it('names the duplicate line that takes a merged quantity over the limit', () => {
    expect(fieldOf(() => mergeCartLines([{ sku: 'A', quantity: 9000 }, { sku: 'B', quantity: 1 }, { sku: 'A', quantity: 1000 }]))).toBe('input.lines.2.quantity');
  });
});
