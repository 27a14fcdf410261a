import { describe, expect, it } from 'vitest';
import { copyJson } from './copy-json.js';

describe('copyJson', () => {
  it('copies every level, so changing the copy leaves the original as it was', () => {
    const original = JSON.parse('{"stockChanged":{"sku":"SKU-1","available":3,"asOf":null,"ok":true,"location":{"id":"L1"},"tags":[{"n":1},"x",2]}}');
    const copy = copyJson(original);
    expect(copy).toEqual(original);
    copy.stockChanged.location.name = 'changed';
    copy.stockChanged.tags[0].n = 9;
    expect(original.stockChanged.location).toEqual({ id: 'L1' });
    expect(original.stockChanged.tags[0]).toEqual({ n: 1 });
  });

  it('keeps a field aliased __proto__ as a field of its own', () => {
    const original = JSON.parse('{"item":{"__proto__":{"name":"shadow"},"sku":"SKU-1"}}');
    const copy = copyJson(original);
    expect(Object.hasOwn(copy.item, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(copy.item)).toBe(Object.prototype);
    expect(JSON.stringify(copy)).toBe('{"item":{"__proto__":{"name":"shadow"},"sku":"SKU-1"}}');
  });
});
