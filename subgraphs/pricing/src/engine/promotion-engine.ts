// The pricing engine: which active promotions apply to a cart and how much each takes off each line.
import { applyCostFloor } from './cost-floor.js';
import type { EngineAdjustment, EngineLine, EnginePromotion, LineOutcome } from './engine-model.js';
import { UNIT_PRICE_TYPES } from './engine-model.js';
import { resolvePromotions } from './exclusivity.js';
import { PromotionIndex } from './promotion-index.js';
import type { Candidate } from './stack-evaluator.js';

/**
 * Applies promotions to a cart's lines (unique by SKU; a promotion's amounts must be in the cart's
 * currency) and explains each line: the promotions that took money off it and how much. Pure: the
 * same lines in any order and the same promotions always give the same outcome per SKU.
 * Invariants (property-tested): no line below zero; no line below cost unless every promotion on it
 * had its margin exception approved; a line's discount is the sum of its adjustments.
 */
export function applyPromotions(lines: readonly EngineLine[], promotions: PromotionIndex | readonly EnginePromotion[]): LineOutcome[] {
  const index = promotions instanceof PromotionIndex ? promotions : new PromotionIndex(promotions);
  const sorted = [...lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  const candidates = index.candidates(sorted);
  const resolved = new Map<string, EngineAdjustment[]>();
  for (const part of independentParts(sorted, candidates)) for (const [sku, adjustments] of resolvePromotions(part.lines, part.candidates)) resolved.set(sku, adjustments);
  const byId = new Map(candidates.map((c) => [c.promotion.id, c.promotion]));
  return lines.map((line) => {
    const adjustments = applyCostFloor(line, resolved.get(line.sku) ?? [], byId);
    return { sku: line.sku, adjustments, discount: adjustments.reduce((s, a) => s + a.amount, 0) };
  });
}

/**
 * The shelf price of one unit: the regular price less the unit-price promotions (percent, amount,
 * fixed price), resolved and floored exactly as in a cart of one. Basket deals (buy X get Y,
 * multibuy, spend thresholds) need a basket, so they show in activePromotions and priceCart.
 */
export function promotionalUnitPrice(line: Omit<EngineLine, 'quantity'>, promotions: readonly EnginePromotion[]): { price: number; applied: LineOutcome } {
  const unitPromotions = promotions.filter((p) => UNIT_PRICE_TYPES.has(p.type));
  const [applied] = applyPromotions([{ ...line, quantity: 1 }], unitPromotions);
  return { price: line.unitPrice - applied!.discount, applied: applied! };
}

/**
 * Splits the cart into groups of lines no promotion links to another group. Resolving each group on
 * its own gives exactly the cart-wide result (a promotion only ever counts, claims or splits money
 * among lines of its own group, so every comparison the resolution makes differs only within one),
 * and keeps the work proportional to the promotions on each line rather than to all of them squared.
 */
function independentParts(lines: readonly EngineLine[], candidates: readonly Candidate[]): { lines: EngineLine[]; candidates: Candidate[] }[] {
  const parent = new Map<string, string>(lines.map((l) => [l.sku, l.sku]));
  const root = (sku: string): string => {
    let r = sku;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(sku, r);
    return r;
  };
  for (const c of candidates) {
    let first: string | null = null;
    for (const sku of c.skus) {
      if (!parent.has(sku)) continue;
      if (first === null) first = root(sku);
      else parent.set(root(sku), first);
    }
  }
  const parts = new Map<string, { lines: EngineLine[]; candidates: Candidate[] }>();
  for (const line of lines) {
    const key = root(line.sku);
    const part = parts.get(key) ?? { lines: [], candidates: [] };
    part.lines.push(line);
    parts.set(key, part);
  }
  for (const c of candidates) {
    const anyLine = [...c.skus].find((sku) => parent.has(sku));
    if (anyLine) parts.get(root(anyLine))!.candidates.push(c);
  }
  return [...parts.values()].filter((p) => p.candidates.length > 0);
}
