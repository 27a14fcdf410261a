// Which promotions run now for SKUs on a channel at a location, as engine input: the cart, the shelf price and activePromotions read it.
import type { Clock } from '@retail-hub/platform';
import DataLoader from 'dataloader';
import type { EnginePromotion, PromotionType, StackingMode } from '../../engine/engine-model.js';
import { describeDeal } from '../../engine/promotion-description.js';
import type { ActivePromotionRepository, ActivePromotionRow } from '../../store/active-promotion.repository.js';
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

  /** A per-request loader keyed `channel|location|sku`; one query per channel and location in a request. */
  createLoader(): ActivePromotionLoader {
    return new DataLoader<string, SkuPromotions>(async (keys) => {
      const groups = new Map<string, string[]>();
      for (const key of keys) {
        const [channel, location, sku] = key.split('|') as [string, string, string];
        const group = `${channel}|${location}`;
        groups.set(group, [...(groups.get(group) ?? []), sku]);
      }
      const at = this.clock.now().toISOString();
      const bySku = new Map<string, SkuPromotions>();
      for (const [group, skus] of groups) {
        const [channel, location] = group.split('|') as [Channel, string];
        for (const [sku, entry] of toSkuPromotions(await this.active.activeFor(skus, channel, location, at))) bySku.set(`${group}|${sku}`, entry);
      }
      return keys.map((k) => bySku.get(k) ?? { promotions: [], unitCost: null });
    });
  }

  key(channel: Channel, location: string, sku: string): string {
    return `${channel}|${location}|${sku}`;
  }
}

/** Rows are one per promotion and SKU; each SKU gets engine promotions targeting just itself. */
function toSkuPromotions(rows: readonly ActivePromotionRow[]): Map<string, SkuPromotions> {
  const result = new Map<string, SkuPromotions>();
  for (const row of rows) {
    const type = row.type as PromotionType;
    const rule = JSON.parse(row.rule);
    const entry = result.get(row.sku) ?? { promotions: [], unitCost: null };
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
    result.set(row.sku, entry);
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
