// The price rules: which list price a product has on a channel at a location, now.
import { badUserInput, type Clock } from '@retail-hub/platform';
import type { ListPriceRepository } from '../store/list-price.repository.js';
import type { LocationRepository } from '../store/location.repository.js';
import type { PricingLoaders } from './pricing.loader.js';
import { toListPriceCondition, toPricingLocation, type Channel, type ListPriceCondition, type Price, type PricingLocation } from './pricing-model.js';
import { resolveListPrice } from './price-resolution.js';

export class PriceService {
  constructor(private readonly listPrices: ListPriceRepository, private readonly locations: LocationRepository, private readonly clock: Clock) {}

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

  async priceOf(loaders: PricingLoaders, sku: string, channel: Channel, locationId: string | null | undefined): Promise<Price | null> {
    const region = await this.regionFor(loaders, channel, locationId, 'locationId');
    return this.currentPrice(await loaders.listPricesBySku.load(sku), channel, region);
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
