// The engine's invariants over random carts and random promotion sets (fast-check).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EnginePromotion, PromotionType } from './engine-model.js';
import { PROMOTION_TYPES } from './engine-model.js';
import { priceCartWithPromotions, type PromotionalCartLine } from './price-cart.js';
import { applyCostFloor } from './cost-floor.js';
import { resolvePromotions } from './exclusivity.js';
import { applyPromotions } from './promotion-engine.js';
import { PromotionIndex } from './promotion-index.js';
import { describeDeal } from './promotion-description.js';
import { percentOfHalfUp } from './rounding.js';

const SKUS = ['SKU-000001', 'SKU-000002', 'SKU-000003', 'SKU-000004', 'SKU-000005', 'SKU-000006'];
const CATEGORIES = ['CAT-01', 'CAT-02', 'CAT-03'];
const BRANDS = ['Acme', 'Brio', 'Corto'];
const usd = (centAmount: number) => ({ centAmount, currency: 'USD' });

const lineArb = fc.record({
  quantity: fc.integer({ min: 1, max: 9999 }),
  price: fc.integer({ min: 0, max: 50_000 }),
  cost: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: null }),
  category: fc.constantFrom(...CATEGORIES),
  brand: fc.constantFrom(...BRANDS),
});

const cartArb = fc.uniqueArray(fc.tuple(fc.constantFrom(...SKUS), lineArb), { minLength: 1, maxLength: SKUS.length, selector: ([sku]) => sku }).map((entries) =>
  entries.map(([sku, l]): PromotionalCartLine => ({ sku, quantity: l.quantity, unitPrice: usd(l.price), regularUnitPrice: usd(l.price), unitCost: l.cost, categoryIds: [l.category], brand: l.brand })),
);

const ruleArb = (type: PromotionType) => {
  switch (type) {
    case 'PERCENT_OFF':
      return fc.record({ percentOffBp: fc.integer({ min: 1, max: 10_000 }) });
    case 'AMOUNT_OFF':
      return fc.record({ amountOff: fc.integer({ min: 1, max: 60_000 }) });
    case 'FIXED_PRICE':
      return fc.record({ fixedPrice: fc.integer({ min: 0, max: 60_000 }) });
    case 'BUY_X_GET_Y':
      return fc.record({ buyQuantity: fc.integer({ min: 1, max: 5 }), getQuantity: fc.integer({ min: 1, max: 3 }) });
    case 'MULTIBUY':
      return fc.record({ bundleQuantity: fc.integer({ min: 2, max: 6 }), bundlePrice: fc.integer({ min: 0, max: 100_000 }) });
    case 'SPEND_THRESHOLD':
      return fc.record({ spendThreshold: fc.integer({ min: 1, max: 200_000 }), spendDiscount: fc.integer({ min: 1, max: 50_000 }) });
  }
};

const promotionArb = (id: string) =>
  fc.constantFrom(...PROMOTION_TYPES).chain((type) =>
    fc.record({
      rule: ruleArb(type),
      stacking: fc.constantFrom('EXCLUSIVE' as const, 'STACKABLE' as const),
      priority: fc.integer({ min: -3, max: 3 }),
      skus: fc.subarray(SKUS),
      categoryIds: fc.subarray(CATEGORIES, { maxLength: 1 }),
      brands: fc.subarray(BRANDS, { maxLength: 1 }),
      excludeSkus: fc.subarray(SKUS, { maxLength: 1 }),
      approved: fc.subarray(SKUS, { maxLength: 2 }),
    }).map((p): EnginePromotion => {
      const rule = { currency: 'USD', ...p.rule };
      return {
        id,
        type,
        rule,
        stacking: p.stacking,
        priority: p.priority,
        description: describeDeal(type, rule),
        targets: { skus: p.skus, categoryIds: p.categoryIds, brands: p.brands, excludeSkus: p.excludeSkus },
        marginApprovedSkus: new Set(p.approved),
      };
    }),
  );

const promotionsArb = fc.integer({ min: 0, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => promotionArb(`PROMO-${String(i).padStart(3, '0')}`))));

/** Promotions on one or two SKUs only, so a cart often splits into groups no promotion links. */
const narrowPromotionsArb = fc.integer({ min: 0, max: 8 }).chain((n) =>
  fc.tuple(
    ...Array.from({ length: n }, (_, i) =>
      fc.tuple(promotionArb(`PROMO-N${String(i).padStart(3, '0')}`), fc.subarray(SKUS, { minLength: 1, maxLength: 2 }), fc.boolean()).map(([p, skus, narrow]): EnginePromotion => (narrow ? { ...p, targets: { skus, excludeSkus: [] } } : p)),
    ),
  ),
);

const RUNS = { numRuns: 400 };

describe('pricing engine invariants', () => {
  it('never prices a line below zero, and the cart adds up: discountTotal is the sum of line discounts, each the sum of its adjustments', () => {
    fc.assert(
      fc.property(cartArb, promotionsArb, (lines, promotions) => {
        const cart = priceCartWithPromotions({ channel: 'STORE', currency: 'USD', lines }, promotions);
        for (const l of cart.lines) {
          expect(Number.isInteger(l.discount.centAmount)).toBe(true);
          expect(l.lineTotal.centAmount).toBeGreaterThanOrEqual(0);
          expect(l.discount.centAmount).toBe(l.adjustments.reduce((s, a) => s + a.amount.centAmount, 0));
          expect(l.adjustments.every((a) => a.amount.centAmount > 0)).toBe(true);
          expect(l.lineTotal.centAmount).toBe(l.lineSubtotal.centAmount - l.discount.centAmount);
        }
        expect(cart.discountTotal.centAmount).toBe(cart.lines.reduce((s, l) => s + l.discount.centAmount, 0));
        expect(cart.total.centAmount).toBe(cart.subtotal.centAmount - cart.discountTotal.centAmount);
      }),
      RUNS,
    );
  });

  it('never takes a line below cost unless every promotion on it had its margin exception approved', () => {
    fc.assert(
      fc.property(cartArb, promotionsArb, (lines, promotions) => {
        const byId = new Map(promotions.map((p) => [p.id, p]));
        const outcome = applyPromotions(lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.regularUnitPrice.centAmount, unitCost: l.unitCost, categoryIds: l.categoryIds, brand: l.brand })), promotions);
        outcome.forEach((o, i) => {
          const l = lines[i]!;
          if (o.discount === 0 || l.unitCost == null) return;
          const approved = o.adjustments.every((a) => byId.get(a.promotionId)!.marginApprovedSkus!.has(l.sku));
          if (!approved) expect(l.regularUnitPrice.centAmount * l.quantity - o.discount).toBeGreaterThanOrEqual(l.unitCost * l.quantity);
        });
      }),
      RUNS,
    );
  });

  it('does not depend on the order of the lines or of the promotions', () => {
    fc.assert(
      fc.property(cartArb, promotionsArb, fc.nat(), (lines, promotions, seed) => {
        const shuffle = <T>(xs: readonly T[]) => xs.map((x, i) => ({ x, k: (i * 7919 + seed) % 104729 })).sort((a, b) => a.k - b.k).map((e) => e.x);
        const a = priceCartWithPromotions({ channel: 'STORE', currency: 'USD', lines }, promotions);
        const b = priceCartWithPromotions({ channel: 'STORE', currency: 'USD', lines: [...lines].reverse() }, shuffle(promotions));
        const bySku = (cart: typeof a) => Object.fromEntries(cart.lines.map((l) => [l.sku, l]));
        expect(bySku(b)).toEqual(bySku(a));
        expect(b.lines.map((l) => l.sku)).toEqual([...lines].reverse().map((l) => l.sku));
        expect(b.total).toEqual(a.total);
      }),
      RUNS,
    );
  });

  it('rounds a percentage per unit, half up to the cent: the line is quantity x the rounded unit discount', () => {
    fc.assert(
      fc.property(cartArb, fc.integer({ min: 1, max: 10_000 }), (lines, bp) => {
        const only: EnginePromotion = { id: 'PROMO-P', type: 'PERCENT_OFF', rule: { currency: 'USD', percentOffBp: bp }, stacking: 'STACKABLE', priority: 0, description: '', targets: { skus: SKUS } };
        const cart = priceCartWithPromotions({ channel: 'ECOMMERCE', currency: 'USD', lines: lines.map((l) => ({ ...l, unitCost: null })) }, [only]);
        cart.lines.forEach((l) => expect(l.discount.centAmount).toBe(l.quantity * percentOfHalfUp(l.unitPrice.centAmount, bp)));
      }),
      RUNS,
    );
  });

  it('lets an exclusive promotion be the only one on each line it discounts', () => {
    fc.assert(
      fc.property(cartArb, promotionsArb, (lines, promotions) => {
        const exclusive = new Set(promotions.filter((p) => p.stacking === 'EXCLUSIVE').map((p) => p.id));
        const cart = priceCartWithPromotions({ channel: 'STORE', currency: 'USD', lines }, promotions);
        for (const l of cart.lines) if (l.adjustments.some((a) => exclusive.has(a.promotionId))) expect(l.adjustments).toHaveLength(1);
      }),
      RUNS,
    );
  });

  it('only discounts lines a promotion targets', () => {
    fc.assert(
      fc.property(cartArb, promotionsArb, (lines, promotions) => {
        const cart = priceCartWithPromotions({ channel: 'STORE', currency: 'USD', lines }, promotions);
        cart.lines.forEach((l, i) => {
          for (const a of l.adjustments) {
            const t = promotions.find((p) => p.id === a.promotionId)!.targets;
            const src = lines[i]!;
            const targeted = t.skus!.includes(l.sku) || t.categoryIds!.some((c) => src.categoryIds!.includes(c)) || t.brands!.includes(src.brand!);
            expect(targeted && !t.excludeSkus!.includes(l.sku)).toBe(true);
          }
        });
      }),
      RUNS,
    );
  });

  it('prices each group of lines no promotion links exactly as resolving the whole cart at once would', () => {
    fc.assert(
      fc.property(cartArb, narrowPromotionsArb, (cart, promotions) => {
        const lines = cart.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.regularUnitPrice.centAmount, unitCost: l.unitCost, categoryIds: l.categoryIds, brand: l.brand }));
        // The reference: every candidate resolved against every line together, then the cost floor per line.
        const sorted = [...lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
        const candidates = new PromotionIndex(promotions).candidates(sorted);
        const whole = candidates.length ? resolvePromotions(sorted, candidates) : new Map();
        const byId = new Map(promotions.map((p) => [p.id, p]));
        const expected = lines.map((line) => {
          const adjustments = applyCostFloor(line, whole.get(line.sku) ?? [], byId);
          return { sku: line.sku, adjustments, discount: adjustments.reduce((s, a) => s + a.amount, 0) };
        });
        expect(applyPromotions(lines, promotions)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
