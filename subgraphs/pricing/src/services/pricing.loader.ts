// The per-request DataLoaders of the pricing subgraph: every condition of many SKUs, locations by id.
import DataLoader from 'dataloader';
import type { PriceService } from './price.service.js';
import type { ActivePromotionLoader } from './promotions/active-promotions.service.js';
import type { ListPriceCondition, PricingLocation } from './pricing-model.js';

export interface PricingLoaders {
  /** All conditions of a SKU (every channel and region), so one batch serves any mix of price arguments. */
  listPricesBySku: DataLoader<string, ListPriceCondition[]>;
  locationById: DataLoader<string, PricingLocation | null>;
  /** Promotions running now, keyed `channel|location|sku` (see ActivePromotionsService.key). */
  activePromotions: ActivePromotionLoader;
}

export function createPricingLoaders(prices: PriceService): PricingLoaders {
  return {
    listPricesBySku: new DataLoader((skus) => prices.listPricesBySkus(skus)),
    locationById: new DataLoader((ids) => prices.locationsByIds(ids)),
    activePromotions: prices.activePromotions.createLoader(),
  };
}
