// The validation checks on plain data, with hand-computed numbers.
import { describe, expect, it } from 'vitest';
import { dateConflictExceptions, type PromotionFootprint } from './date-conflict.check.js';
import { eligibilityExceptions } from './eligibility.check.js';
import { marginExceptions, marginFloor, promotionalUnitValue } from './margin.check.js';
import { deliverableBefore, stockExceptions, supplierCapacityExceptions, weekdayCoverage } from './stock.check.js';

const item = (sku: string, over: object = {}) => ({ sku, status: 'ACTIVE', promotable: true, brand: 'Acme', categoryId: 'CAT-01', categoryPath: ['CAT-01'], minMarginBp: 2000, unitCost: 500, currency: 'USD', supplier: null, ...over });

describe('eligibility', () => {
  it('flags items the ERP says are not promotable or not active, and SKUs it does not know', () => {
    const found = eligibilityExceptions([item('SKU-1'), item('SKU-2', { promotable: false }), item('SKU-3', { status: 'DISCONTINUED' })], ['SKU-9']);
    expect(found.map((e) => [e.code, e.sku])).toEqual([['ITEM_NOT_ELIGIBLE', 'SKU-9'], ['ITEM_NOT_ELIGIBLE', 'SKU-2'], ['ITEM_NOT_ELIGIBLE', 'SKU-3']]);
    expect(found[2]!.message).toMatch(/DISCONTINUED/);
  });
});

describe('margin', () => {
  it('computes the floor as cost / (1 - margin), rounded up', () => {
    expect(marginFloor(750, 2500)).toBe(1000);
    expect(marginFloor(700, 2500)).toBe(934); // 933.33
    expect(marginFloor(100, 0)).toBe(100);
  });

  it('values a unit under each deal at its worst', () => {
    const r = { currency: 'USD' };
    expect(promotionalUnitValue('PERCENT_OFF', { ...r, percentOffBp: 2500 }, 1999)).toBe(1499); // 499.75 -> 500 off
    expect(promotionalUnitValue('AMOUNT_OFF', { ...r, amountOff: 3000 }, 1999)).toBe(0);
    expect(promotionalUnitValue('FIXED_PRICE', { ...r, fixedPrice: 999 }, 1999)).toBe(999);
    expect(promotionalUnitValue('BUY_X_GET_Y', { ...r, buyQuantity: 2, getQuantity: 1 }, 900)).toBe(600);
    expect(promotionalUnitValue('MULTIBUY', { ...r, bundleQuantity: 3, bundlePrice: 1000 }, 450)).toBe(333);
    expect(promotionalUnitValue('SPEND_THRESHOLD', { ...r, spendThreshold: 5000, spendDiscount: 1000 }, 1000)).toBe(800);
  });

  it('raises one exception per SKU at its worst price point', () => {
    const found = marginExceptions('PERCENT_OFF', { currency: 'USD', percentOffBp: 3000 }, [
      // Floor 1000 (cost 750, 25%). National 1499 -> 1049 fine; WEST 1399 -> 979 breach; ECOMMERCE 1299 -> 909 worst.
      { sku: 'SKU-1', unitCost: 750, minMarginBp: 2500, prices: [{ channel: 'STORE', region: null, price: 1499 }, { channel: 'STORE', region: 'WEST', price: 1399 }, { channel: 'ECOMMERCE', region: null, price: 1299 }] },
      { sku: 'SKU-2', unitCost: 100, minMarginBp: 2500, prices: [{ channel: 'STORE', region: null, price: 1000 }] },
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'MARGIN_BREACH', sku: 'SKU-1', channel: 'ECOMMERCE', locationId: null });
    expect(found[0]!.message).toContain('$9.09');
    expect(found[0]!.message).toContain('$10.00');
  });
});

describe('stock and supplier capacity', () => {
  it('counts how much of each weekday a local window covers', () => {
    // 2026-12-05 is a Saturday.
    expect(weekdayCoverage('2026-12-05T00:00', '2026-12-07T00:00')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(weekdayCoverage('2026-12-04T18:00', '2026-12-06T12:00')).toEqual([0.5, 0, 0, 0, 0, 0.25, 1]);
  });

  it('reports the units short per SKU and location, rounded up', () => {
    const found = stockExceptions([{ sku: 'SKU-1', locationId: 'LOC-S0001', demand: 42.2, available: 10, inbound: 5 }], 2, () => 'STORE');
    expect(found).toEqual([expect.objectContaining({ code: 'INSUFFICIENT_STOCK', sku: 'SKU-1', locationId: 'LOC-S0001', channel: 'STORE', shortfall: 28 })]);
  });

  it('lands a week of capacity per week once the lead time has passed', () => {
    expect(deliverableBefore({ leadTimeDays: 5, weeklyCapacity: 100 }, 4.9)).toBe(0);
    expect(deliverableBefore({ leadTimeDays: 5, weeklyCapacity: 100 }, 5)).toBe(100);
    expect(deliverableBefore({ leadTimeDays: 5, weeklyCapacity: 100 }, 19)).toBe(300);
  });

  it('flags SKUs whose supplier cannot land the shortfall before the start, or that have no supplier', () => {
    const shortfall = new Map([['SKU-1', 250], ['SKU-2', 50], ['SKU-3', 10]]);
    const terms = new Map([['SKU-1', { leadTimeDays: 3, weeklyCapacity: 100 }], ['SKU-2', { leadTimeDays: 3, weeklyCapacity: 100 }], ['SKU-3', null]]);
    const found = supplierCapacityExceptions(shortfall, terms, 10);
    // 10 days, lead 3: shipments at day 3 and day 10 -> 200 units; SKU-1 misses 50.
    expect(found.map((e) => [e.code, e.sku, e.shortfall])).toEqual([['SUPPLIER_CAPACITY', 'SKU-1', 50], ['SUPPLIER_CAPACITY', 'SKU-3', 10]]);
  });
});

describe('date conflicts', () => {
  const base: PromotionFootprint = { id: 'PROMO-A', name: 'A', stacking: 'STACKABLE', channels: ['STORE', 'ECOMMERCE'], startsAt: '2026-12-05T00:00', endsAt: '2026-12-07T00:00', skus: new Set(['SKU-1', 'SKU-2']), storeIds: new Set(['LOC-S0001']) };

  it('flags overlapping windows on shared SKUs and channels when either side is exclusive', () => {
    const other = { ...base, id: 'PROMO-B', name: 'B', stacking: 'EXCLUSIVE' as const, channels: ['ECOMMERCE' as const], startsAt: '2026-12-06T00:00', endsAt: '2026-12-08T00:00', skus: new Set(['SKU-2', 'SKU-3']) };
    expect(dateConflictExceptions(base, [other]).map((e) => [e.sku, e.channel])).toEqual([['SKU-2', 'ECOMMERCE']]);
  });

  it('lets stackable promotions overlap, and ignores windows that only touch or stores that differ', () => {
    expect(dateConflictExceptions(base, [{ ...base, id: 'PROMO-B' }])).toEqual([]);
    const touching = { ...base, id: 'PROMO-C', stacking: 'EXCLUSIVE' as const, startsAt: '2026-12-07T00:00', endsAt: '2026-12-09T00:00' };
    expect(dateConflictExceptions(base, [touching])).toEqual([]);
    const elsewhere = { ...base, id: 'PROMO-D', stacking: 'EXCLUSIVE' as const, channels: ['STORE' as const], storeIds: new Set(['LOC-S0002']) };
    expect(dateConflictExceptions(base, [elsewhere])).toEqual([]);
  });
});
