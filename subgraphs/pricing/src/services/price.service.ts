// The price rules: which list price a product has on a channel at a location, now.
import { badUserInput, type Clock } from '@retail-hub/platform';
import type { ListPriceRepository } from '../store/list-price.repository.js';
import type { LocationRepository } from '../store/location.repository.js';
import { promotionalUnitPrice } from '../engine/promotion-engine.js';
import type { ActivePromotionsService } from './promotions/active-promotions.service.js';
import type { PricingLoaders } from './pricing.loader.js';
import { toListPriceCondition, toPricingLocation, type Channel, type ListPriceCondition, type Price, type PricingLocation } from './pricing-model.js';
import { resolveListPrice } from './price-resolution.js';

export class PriceService {
  constructor(
    private readonly listPrices: ListPriceRepository,
    private readonly locations: LocationRepository,
    private readonly clock: Clock,
    readonly activePromotions: ActivePromotionsService,
  ) {}

  /** Batch lookup in key order (a DataLoader batch function); a SKU without conditions gets []. */
  async listPricesBySkus(skus: readonly string[]): Promise<ListPriceCondition[][]> {
    const bySku = new Map<string, ListPriceCondition[]>();
    for (const row of await this.listPrices.findBySkus(skus)) bySku.set(row.sku, [...(bySku.get(row.sku) ?? []), toListPriceCondition(row)]);
    return skus.map((sku) => bySku.get(sku) ?? []);
  }

  async locationsByIds(ids: readonly string[]): Promise<(PricingLocation | null)[]> {
    const byId = new Map((await this.locations.findByIds(ids)).map((r) => [r.id, toPricingLocation(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * A Product reference from the gateway. The product subgraph owns which SKUs exist, so every
   * reference resolves (its price is null when the ERP has none); loading its conditions here
   * batches them for all the references of a request at once.
   */
  async productReference(loaders: PricingLoaders, sku: string): Promise<{ sku: string }> {
    await loaders.listPricesBySku.load(sku);
    return { sku };
  }

  /**
   * The price now: the list price, less the unit-price promotions running at the location (online:
   * nationally), floored at cost as in a cart of one. Basket deals show in activePromotions.
   */
  async priceOf(loaders: PricingLoaders, sku: string, channel: Channel, locationId: string | null | undefined): Promise<Price | null> {
    const region = await this.regionFor(loaders, channel, locationId, 'locationId');
    const base = this.currentPrice(await loaders.listPricesBySku.load(sku), channel, region);
    const location = this.activePromotions.promotionLocation(channel, locationId);
    if (!base || !location) return base;
    const { promotions, unitCost } = await loaders.activePromotions.load(this.activePromotions.key(channel, location, sku));
    const usable = promotions.filter((p) => p.rule.currency === base.regular.currency);
    if (usable.length === 0) return base;
    const { price } = promotionalUnitPrice({ sku, unitPrice: base.regular.centAmount, unitCost }, usable);
    return { ...base, amount: { centAmount: price, currency: base.regular.currency }, onPromotion: price < base.regular.centAmount };
  }

  /** Ids of the promotions running now for a SKU on a channel (at the store for STORE; nationally online). */
  async activePromotionIds(loaders: PricingLoaders, sku: string, channel: Channel, locationId: string | null | undefined): Promise<string[]> {
    await this.regionFor(loaders, channel, locationId, 'locationId');
    const location = this.activePromotions.promotionLocation(channel, locationId);
    if (!location) return [];
    return (await loaders.activePromotions.load(this.activePromotions.key(channel, location, sku))).promotions.map((p) => p.id);
  }

  /**
   * The region whose prices apply. Shelf prices differ by region, so STORE needs a location;
   * online, a location is optional and without one the national price applies.
   */
  async regionFor(loaders: PricingLoaders, channel: Channel, locationId: string | null | undefined, field: string): Promise<string | null> {
    if (locationId === null || locationId === undefined) {
      if (channel === 'STORE') throw badUserInput(field, 'is required for the STORE channel');
      return null;
    }
    const location = await loaders.locationById.load(locationId);
    if (!location) throw badUserInput(field, `no location ${locationId}`);
    return location.region;
  }

  /** The price now from a SKU's conditions; amount equals the regular price until promotions exist. */
  currentPrice(conditions: readonly ListPriceCondition[], channel: Channel, region: string | null): Price | null {
    const condition = resolveListPrice(conditions, { channel, region, at: this.clock.now() });
    if (!condition) return null;
    return { amount: condition.price, regular: condition.price, channel, onPromotion: false, region: condition.region };
  }
}
