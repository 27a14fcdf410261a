// A whole cart priced with promotions, on plain data: the engine's adjustments fed to the cart pricer's totals.
import { priceCart, type CartLineToPrice, type PricedCart } from '../services/cart-pricer.js';
import type { Channel } from '../services/pricing-model.js';
import type { EnginePromotion } from './engine-model.js';
import { applyPromotions } from './promotion-engine.js';
import type { PromotionIndex } from './promotion-index.js';

export interface PromotionalCartLine extends CartLineToPrice {
  unitCost?: number | null;
  categoryIds?: readonly string[];
  brand?: string | null;
}

/**
 * Lines are unique by SKU (the caller merged duplicates). Promotions in another currency than the
 * cart's are left out: an amount in euros means nothing to a dollar cart.
 */
export function priceCartWithPromotions(cart: { channel: Channel; currency: string; lines: readonly PromotionalCartLine[] }, promotions: PromotionIndex | readonly EnginePromotion[]): PricedCart {
  const usable = Array.isArray(promotions) ? promotions.filter((p: EnginePromotion) => p.rule.currency === cart.currency) : promotions;
  const outcomes = applyPromotions(
    cart.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.regularUnitPrice.centAmount, unitCost: l.unitCost, categoryIds: l.categoryIds, brand: l.brand })),
    usable as PromotionIndex | readonly EnginePromotion[],
  );
  const adjustments = outcomes.flatMap((o) => o.adjustments.map((a) => ({ sku: o.sku, promotionId: a.promotionId, description: a.description, amount: { centAmount: a.amount, currency: cart.currency } })));
  return priceCart({ channel: cart.channel, currency: cart.currency, lines: cart.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.regularUnitPrice, regularUnitPrice: l.regularUnitPrice })), adjustments });
}
