// Where a promotion runs and when in UTC: each store at the local start and end, the online centre for online channels.
import type { PromotionLocationRow } from '../../store/promotion-location.repository.js';
import type { PricingLocation } from '../pricing-model.js';
import { localToUtc } from './local-time.js';
import type { PromotionDefinition } from './promotion-model.js';

/**
 * Stores come from the location scope (all stores, regions, or a list) when STORE is a channel; the
 * online fulfilment centre stands for ECOMMERCE and MOBILE, which are national and run on its local time.
 */
export function promotionWindows(promotionId: string, definition: PromotionDefinition, locations: readonly PricingLocation[], onlineLocationId: string | null): PromotionLocationRow[] {
  const selected: { location: PricingLocation; online: boolean }[] = [];
  if (definition.channels.includes('STORE')) {
    const { scope, regions, locationIds } = definition.locations;
    for (const l of locations) {
      if (l.type !== 'STORE') continue;
      if (scope === 'REGIONS' && !regions.includes(l.region.toUpperCase())) continue;
      if (scope === 'LIST' && !locationIds.includes(l.id)) continue;
      selected.push({ location: l, online: false });
    }
  }
  if (definition.channels.some((c) => c !== 'STORE')) {
    const online = locations.find((l) => l.id === onlineLocationId) ?? locations.find((l) => l.type === 'ECOM_FC');
    if (online) selected.push({ location: online, online: true });
  }
  return selected.map(({ location, online }) => ({
    promotion_id: promotionId,
    location_id: location.id,
    online: online ? 1 : 0,
    region: location.region,
    time_zone: location.timeZone,
    starts_at: localToUtc(definition.startsAt, location.timeZone).toISOString(),
    ends_at: localToUtc(definition.endsAt, location.timeZone).toISOString(),
    live_at: null,
    ended_at: null,
  }));
}
