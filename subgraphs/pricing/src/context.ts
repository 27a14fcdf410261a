// Per-request context of the pricing subgraph: the caller's verified claims, the services and fresh DataLoaders.
import type { Claims } from '@retail-hub/platform';
import type { CartService } from './services/cart.service.js';
import type { PriceService } from './services/price.service.js';
import { createPricingLoaders, type PricingLoaders } from './services/pricing.loader.js';

export interface PricingContext {
  claims: Claims;
  prices: PriceService;
  carts: CartService;
  loaders: PricingLoaders;
}

export function createPricingContext(claims: Claims, prices: PriceService, carts: CartService): PricingContext {
  return { claims, prices, carts, loaders: createPricingLoaders(prices) };
}
