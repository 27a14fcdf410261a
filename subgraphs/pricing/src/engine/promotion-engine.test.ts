// The engine on hand-computed carts: stacking, exclusivity (best deal wins), the cost floor, the shelf price.
import { describe, expect, it } from 'vitest';
import type { EngineLine, EnginePromotion } from './engine-model.js';
import { applyPromotions, promotionalUnitPrice } from './promotion-engine.js';
import { describeDeal } from './promotion-description.js';

let next = 0;
function promo(over: Partial<EnginePromotion> & Pick<EnginePromotion, 'type' | 'rule'>): EnginePromotion {
  const id = over.id ?? `PROMO-${String(++next).padStart(3, '0')}`;
  return { id, stacking: 'STACKABLE', priority: 0, description: describeDeal(over.type, over.rule), targets: { skus: ['A', 'B', 'C'] }, ...over };
}
const line = (sku: string, quantity: number, unitPrice: number, extra: Partial<EngineLine> = {}): EngineLine => ({ sku, quantity, unitPrice, ...extra });
const usd = (r: object) => ({ currency: 'USD', ...r });
const summary = (outcome: ReturnType<typeof applyPromotions>) => Object.fromEntries(outcome.map((o) => [o.sku, o.adjustments.map((a) => `${a.promotionId}:${a.amount}`)]));

describe('stacking', () => {
  it('combines stackable promotions phase by phase, each on what the earlier left', () => {
    const tenPct = promo({ id: 'PROMO-P10', type: 'PERCENT_OFF', rule: usd({ percentOffBp: 1000 }), priority: 1 });
    const twentyPct = promo({ id: 'PROMO-P20', type: 'PERCENT_OFF', rule: usd({ percentOffBp: 2000 }), priority: 5 });
    const spend = promo({ id: 'PROMO-S', type: 'SPEND_THRESHOLD', rule: usd({ spendThreshold: 1000, spendDiscount: 100 }), priority: 9 });
    // A: 1000 -> 20% (priority 5 first) = 200 off -> 800 -> 10% = 80 off -> 720; spend 720 + B (300 -> 60, 24 -> 216 x 2 = 432) = 1152 >= 1000.
    const outcome = applyPromotions([line('A', 1, 1000), line('B', 2, 300)], [spend, tenPct, twentyPct]);
    // 100 off split 720:432 -> 62.5 / 37.5 -> 63 / 37 (largest remainder, tie to A).
    expect(summary(outcome)).toEqual({ A: ['PROMO-P20:200', 'PROMO-P10:80', 'PROMO-S:63'], B: ['PROMO-P20:120', 'PROMO-P10:48', 'PROMO-S:37'] });
    expect(outcome.map((o) => o.discount)).toEqual([343, 205]);
  });

  it('lets a unit-price deal apply before a multibuy counts its bundles', () => {
    const off = promo({ type: 'AMOUNT_OFF', rule: usd({ amountOff: 100 }), targets: { skus: ['A'] } });
    const bundle = promo({ type: 'MULTIBUY', rule: usd({ bundleQuantity: 2, bundlePrice: 1000 }), targets: { skus: ['A'] } });
    // 600 -> 500 each; 2 for 1000 saves nothing more.
    expect(applyPromotions([line('A', 2, 600)], [bundle, off])[0]!.discount).toBe(200);
  });
});

describe('exclusivity', () => {
  it('gives a line the exclusive promotion that saves most, alone', () => {
    const small = promo({ id: 'PROMO-X1', type: 'PERCENT_OFF', rule: usd({ percentOffBp: 1000 }), stacking: 'EXCLUSIVE', priority: 9 });
    const big = promo({ id: 'PROMO-X2', type: 'AMOUNT_OFF', rule: usd({ amountOff: 300 }), stacking: 'EXCLUSIVE' });
    const stack = promo({ id: 'PROMO-S1', type: 'PERCENT_OFF', rule: usd({ percentOffBp: 500 }) });
    expect(summary(applyPromotions([line('A', 1, 1000)], [small, big, stack]))).toEqual({ A: ['PROMO-X2:300'] });
  });

  it('keeps the stackable promotions where together they save more than the exclusive one', () => {
    const exclusive = promo({ id: 'PROMO-X', type: 'PERCENT_OFF', rule: usd({ percentOffBp: 1500 }), stacking: 'EXCLUSIVE' });
    const s1 = promo({ id: 'PROMO-S1', type: 'PERCENT_OFF', rule: usd({ percentOffBp: 1000 }) });
    const s2 = promo({ id: 'PROMO-S2', type: 'AMOUNT_OFF', rule: usd({ amountOff: 100 }) });
    // Exclusive: 150 off. Stackable: 100 + 100 = 200 off -> the stackable pair wins.
    expect(summary(applyPromotions([line('A', 1, 1000)], [exclusive, s1, s2]))).toEqual({ A: ['PROMO-S1:100', 'PROMO-S2:100'] });
  });

  it('lets exclusive promotions on different lines both apply, and stackable ones run on the lines left', () => {
    const xa = promo({ id: 'PROMO-XA', type: 'FIXED_PRICE', rule: usd({ fixedPrice: 100 }), stacking: 'EXCLUSIVE', targets: { skus: ['A'] } });
    const xb = promo({ id: 'PROMO-XB', type: 'PERCENT_OFF', rule: usd({ percentOffBp: 5000 }), stacking: 'EXCLUSIVE', targets: { skus: ['B'] } });
    const s = promo({ id: 'PROMO-S', type: 'AMOUNT_OFF', rule: usd({ amountOff: 10 }) });
    expect(summary(applyPromotions([line('C', 1, 300), line('B', 1, 400), line('A', 1, 500)], [s, xb, xa]))).toEqual({ A: ['PROMO-XA:400'], B: ['PROMO-XB:200'], C: ['PROMO-S:10'] });
  });

  it('breaks a tie between exclusive promotions by priority, then id', () => {
    const low = promo({ id: 'PROMO-A', type: 'AMOUNT_OFF', rule: usd({ amountOff: 100 }), stacking: 'EXCLUSIVE', priority: 1 });
    const high = promo({ id: 'PROMO-B', type: 'AMOUNT_OFF', rule: usd({ amountOff: 100 }), stacking: 'EXCLUSIVE', priority: 2 });
    expect(summary(applyPromotions([line('A', 1, 500)], [low, high]))).toEqual({ A: ['PROMO-B:100'] });
    const twin = promo({ id: 'PROMO-0', type: 'AMOUNT_OFF', rule: usd({ amountOff: 100 }), stacking: 'EXCLUSIVE', priority: 2 });
    expect(summary(applyPromotions([line('A', 1, 500)], [high, twin]))).toEqual({ A: ['PROMO-0:100'] });
  });
});

describe('the cost floor', () => {
  const deep = promo({ id: 'PROMO-D', type: 'PERCENT_OFF', rule: usd({ percentOffBp: 6000 }) });
  it('stops a promotion at cost', () => {
    // 1000 at 60% off would be 400; cost 700 -> at most 300 off per unit.
    expect(applyPromotions([line('A', 2, 1000, { unitCost: 700 })], [deep])[0]).toMatchObject({ discount: 600, adjustments: [{ promotionId: 'PROMO-D', amount: 600 }] });
  });
  it('lets it go below cost when the margin exception was approved', () => {
    const approved = { ...deep, marginApprovedSkus: new Set(['A']) };
    expect(applyPromotions([line('A', 2, 1000, { unitCost: 700 })], [approved])[0]!.discount).toBe(1200);
  });
  it('takes the cut from the last promotion applied', () => {
    const first = promo({ id: 'PROMO-1', type: 'AMOUNT_OFF', rule: usd({ amountOff: 200 }), priority: 2 });
    const second = promo({ id: 'PROMO-2', type: 'AMOUNT_OFF', rule: usd({ amountOff: 200 }), priority: 1 });
    expect(summary(applyPromotions([line('A', 1, 1000, { unitCost: 700 })], [second, first]))).toEqual({ A: ['PROMO-1:200', 'PROMO-2:100'] });
  });
  it('gives nothing off a line whose list price is already under cost', () => {
    expect(applyPromotions([line('A', 1, 500, { unitCost: 600 })], [deep])[0]).toEqual({ sku: 'A', adjustments: [], discount: 0 });
  });
});

describe('targets', () => {
  it('matches categories (with their parents) and brands, minus exclusions', () => {
    const cat = promo({ id: 'PROMO-CAT', type: 'AMOUNT_OFF', rule: usd({ amountOff: 10 }), targets: { categoryIds: ['CAT-01'], excludeSkus: ['B'] } });
    const brand = promo({ id: 'PROMO-BR', type: 'AMOUNT_OFF', rule: usd({ amountOff: 5 }), targets: { brands: ['Acme'], excludeCategoryIds: ['CAT-0102'] } });
    const outcome = applyPromotions(
      [line('A', 1, 100, { categoryIds: ['CAT-0101', 'CAT-01'], brand: 'Acme' }), line('B', 1, 100, { categoryIds: ['CAT-01'], brand: 'Acme' }), line('C', 1, 100, { categoryIds: ['CAT-0102', 'CAT-01'], brand: 'Acme' })],
      [cat, brand],
    );
    expect(summary(outcome)).toEqual({ A: ['PROMO-BR:5', 'PROMO-CAT:10'], B: ['PROMO-BR:5'], C: ['PROMO-CAT:10'] });
  });
});

describe('promotionalUnitPrice', () => {
  it('is the price of one unit after unit-price promotions only', () => {
    const pct = promo({ type: 'PERCENT_OFF', rule: usd({ percentOffBp: 2500 }) });
    const bxgy = promo({ type: 'BUY_X_GET_Y', rule: usd({ buyQuantity: 1, getQuantity: 1 }) });
    expect(promotionalUnitPrice({ sku: 'A', unitPrice: 999, unitCost: 100 }, [pct, bxgy]).price).toBe(749); // 249.75 -> 250 off
    expect(promotionalUnitPrice({ sku: 'A', unitPrice: 999, unitCost: 900 }, [pct]).price).toBe(900);
  });
});
