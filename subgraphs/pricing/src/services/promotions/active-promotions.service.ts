// Which promotions run now for SKUs on a channel at a location, as engine input: the cart, the shelf price and activePromotions read it.
import type { Clock } from '@retail-hub/platform';
import DataLoader from 'dataloader';
import type { EnginePromotion, PromotionType, StackingMode } from '../../engine/engine-model.js';
import { describeDeal } from '../../engine/promotion-description.js';
import type { ActivePromotionRepository, LocatedPromotionRow } from '../../store/active-promotion.repository.js';
import type { Channel } from '../pricing-model.js';

/** The active promotions touching one SKU, and what its cost was when they were validated. */
export interface SkuPromotions {
  promotions: EnginePromotion[];
  /** The highest cost any of them recorded (they agree unless the cost changed between validations). */
  unitCost: number | null;
}

export type ActivePromotionLoader = DataLoader<string, SkuPromotions>;

export class ActivePromotionsService {
  constructor(private readonly active: ActivePromotionRepository, private readonly clock: Clock, private readonly onlineLocationId: () => string | null) {}

  /** Online channels are national: their promotions hang on the online centre's windows. */
  promotionLocation(channel: Channel, locationId: string | null | undefined): string | null {
    return channel === 'STORE' ? (locationId ?? null) : this.onlineLocationId();
  }

  /** A per-request loader keyed `channel|location|sku`; one query per channel in a request, whatever the locations. */
  createLoader(): ActivePromotionLoader {
    return new DataLoader<string, SkuPromotions>(async (keys) => {
      const byChannel = new Map<Channel, Map<string, string[]>>();
      for (const key of keys) {
        const [channel, location, sku] = key.split('|') as [Channel, string, string];
        let asked = byChannel.get(channel);
        if (!asked) byChannel.set(channel, (asked = new Map()));
        const skus = asked.get(location);
        if (skus) skus.push(sku);
        else asked.set(location, [sku]);
      }
      const at = this.clock.now().toISOString();
      const found = new Map<string, SkuPromotions>();
      for (const [channel, asked] of byChannel) {
        for (const [locatedSku, entry] of toSkuPromotions(await this.active.activeFor(asked, channel, at))) found.set(`${channel}|${locatedSku}`, entry);
      }
      return keys.map((k) => found.get(k) ?? { promotions: [], unitCost: null });
    });
  }

  key(channel: Channel, location: string, sku: string): string {
    return `${channel}|${location}|${sku}`;
  }
}

/** Rows are one per promotion, SKU and location; each `location|sku` gets engine promotions targeting just that SKU. */
function toSkuPromotions(rows: readonly LocatedPromotionRow[]): Map<string, SkuPromotions> {
  const result = new Map<string, SkuPromotions>();
  for (const row of rows) {
    const key = `${row.location_id}|${row.sku}`;
    const type = row.type as PromotionType;
    const rule = JSON.parse(row.rule);
    const entry = result.get(key) ?? { promotions: [], unitCost: null };
    entry.promotions.push({
      id: row.id,
      type,
      rule,
      stacking: row.stacking as StackingMode,
      priority: row.priority,
      description: describeDeal(type, rule),
      targets: { skus: [row.sku] },
      marginApprovedSkus: row.margin_approved ? new Set([row.sku]) : new Set(),
    });
    entry.unitCost = Math.max(entry.unitCost ?? 0, row.unit_cost);
    result.set(key, entry);
  }
  return result;
}

/**
 * Merges per-SKU promotions into one set for a cart: a promotion touching several of the cart's
 * SKUs (a multibuy across them, a spend threshold) is one promotion targeting all of them.
 */
export function mergeCartPromotions(perSku: readonly SkuPromotions[]): EnginePromotion[] {
  const merged = new Map<string, EnginePromotion & { targets: { skus: string[] }; marginApprovedSkus: Set<string> }>();
  for (const entry of perSku) {
    for (const p of entry.promotions) {
      const existing = merged.get(p.id);
      if (!existing) merged.set(p.id, { ...p, targets: { skus: [...(p.targets.skus ?? [])] }, marginApprovedSkus: new Set(p.marginApprovedSkus) });
      else {
        existing.targets.skus.push(...(p.targets.skus ?? []));
        for (const s of p.marginApprovedSkus ?? []) existing.marginApprovedSkus.add(s);
      }
    }
  }
  return [...merged.values()];
}
