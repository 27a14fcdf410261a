// Per-request context of the pricing subgraph: the caller's verified claims, the services and fresh DataLoaders.
import type { Claims } from '@retail-hub/platform';
import DataLoader from 'dataloader';
import type { CartService } from './services/cart.service.js';
import type { PriceService } from './services/price.service.js';
import { createPricingLoaders, type PricingLoaders } from './services/pricing.loader.js';
import { toPromotion, type Promotion } from './services/promotions/promotion-model.js';
import type { PromotionServices } from './services/promotions/promotion-services.js';

export interface PricingContext {
  claims: Claims;
  prices: PriceService;
  carts: CartService;
  promotions: PromotionServices;
  loaders: PricingLoaders & { promotionById: DataLoader<string, Promotion | null> };
}

export function createPricingContext(claims: Claims, prices: PriceService, carts: CartService, promotions: PromotionServices): PricingContext {
  const promotionById = new DataLoader<string, Promotion | null>(async (ids) => {
    const byId = new Map((await promotions.stores.promotions.findMany(ids)).map((r) => [r.id, toPromotion(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  return { claims, prices, carts, promotions, loaders: { ...createPricingLoaders(prices), promotionById } };
}
