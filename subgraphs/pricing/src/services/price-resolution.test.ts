// The list-price rule on plain data: channel, regional over national, validity at an instant.
import { describe, expect, it } from 'vitest';
import { isValidAt, resolveListPrice } from './price-resolution.js';
import type { ListPriceCondition } from './pricing-model.js';

function condition(over: Partial<ListPriceCondition> & { cents: number }): ListPriceCondition {
  const { cents, ...rest } = over;
  return { sku: 'SKU-000001', channel: 'STORE', region: null, price: { centAmount: cents, currency: 'USD' }, validFrom: '2020-01-01', validTo: null, ...rest };
}

const NOW = new Date('2026-11-27T12:00:00.000Z');

describe('resolveListPrice', () => {
  const national = condition({ cents: 499 });
  const west = condition({ cents: 549, region: 'WEST' });
  const online = condition({ cents: 449, channel: 'ECOMMERCE' });
  const all = [national, west, online];

  it("gives a store in a region with its own price that region's price", () => {
    expect(resolveListPrice(all, { channel: 'STORE', region: 'WEST', at: NOW })).toBe(west);
  });

  it('gives a store in another region the national price', () => {
    expect(resolveListPrice(all, { channel: 'STORE', region: 'MIDWEST', at: NOW })).toBe(national);
  });

  it('gives a buyer without a region the national price even where regional prices exist', () => {
    expect(resolveListPrice(all, { channel: 'STORE', region: null, at: NOW })).toBe(national);
  });

  it("uses only the asked channel's conditions", () => {
    expect(resolveListPrice(all, { channel: 'ECOMMERCE', region: 'WEST', at: NOW })).toBe(online);
    expect(resolveListPrice(all, { channel: 'MOBILE', region: null, at: NOW })).toBeNull();
  });

  it('is null without conditions', () => {
    expect(resolveListPrice([], { channel: 'STORE', region: 'WEST', at: NOW })).toBeNull();
  });

  it('falls back to the national price while the regional one is not yet or no longer valid', () => {
    const future = condition({ cents: 599, region: 'WEST', validFrom: '2026-12-01' });
    const expired = condition({ cents: 399, region: 'WEST', validTo: '2026-11-26' });
    expect(resolveListPrice([national, future, expired], { channel: 'STORE', region: 'WEST', at: NOW })).toBe(national);
    expect(resolveListPrice([national, future, expired], { channel: 'STORE', region: 'WEST', at: new Date('2026-12-01T00:00:00.000Z') })).toBe(future);
  });

  it('prefers the newer of two overlapping conditions of the same region, whatever their order', () => {
    const newer = condition({ cents: 529, validFrom: '2026-11-01' });
    expect(resolveListPrice([national, newer], { channel: 'STORE', region: 'MIDWEST', at: NOW })).toBe(newer);
    expect(resolveListPrice([newer, national], { channel: 'STORE', region: 'MIDWEST', at: NOW })).toBe(newer);
    expect(resolveListPrice([newer, national], { channel: 'STORE', region: 'MIDWEST', at: new Date('2026-10-31T23:59:59.999Z') })).toBe(national);
  });

  it('prefers a regional price over a newer national one', () => {
    const newerNational = condition({ cents: 519, validFrom: '2026-11-01' });
    expect(resolveListPrice([newerNational, west], { channel: 'STORE', region: 'WEST', at: NOW })).toBe(west);
  });
});

describe('isValidAt', () => {
  it('holds an end date through the whole of that UTC day', () => {
    const c = { validFrom: '2026-11-01', validTo: '2026-11-27' };
    expect(isValidAt(c, new Date('2026-11-01T00:00:00.000Z'))).toBe(true);
    expect(isValidAt(c, new Date('2026-10-31T23:59:59.999Z'))).toBe(false);
    expect(isValidAt(c, new Date('2026-11-27T23:59:59.999Z'))).toBe(true);
    expect(isValidAt(c, new Date('2026-11-28T00:00:00.000Z'))).toBe(false);
  });

  it('ends an instant-bounded condition at that instant', () => {
    const c = { validFrom: '2026-11-27T09:00:00.000Z', validTo: '2026-11-27T17:00:00.000Z' };
    expect(isValidAt(c, new Date('2026-11-27T08:59:59.999Z'))).toBe(false);
    expect(isValidAt(c, new Date('2026-11-27T09:00:00.000Z'))).toBe(true);
    expect(isValidAt(c, new Date('2026-11-27T16:59:59.999Z'))).toBe(true);
    expect(isValidAt(c, new Date('2026-11-27T17:00:00.000Z'))).toBe(false);
  });

  it('never applies a condition whose dates cannot be read', () => {
    expect(isValidAt({ validFrom: 'someday', validTo: null }, NOW)).toBe(false);
    expect(isValidAt({ validFrom: '2020-01-01', validTo: 'never' }, NOW)).toBe(false);
  });
});
