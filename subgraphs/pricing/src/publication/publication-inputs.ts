// Everything a publication needs about one promotion, read once for all its locations.
import type { EnginePromotion, PromotionType, StackingMode } from '../engine/engine-model.js';
import { describeDeal } from '../engine/promotion-description.js';
import { resolveListPrice } from '../services/price-resolution.js';
import { toListPriceCondition, type Channel, type ListPriceCondition } from '../services/pricing-model.js';
import { toPromotion, type Promotion } from '../services/promotions/promotion-model.js';
import type { PromotionItemRow } from '../store/promotion-item.repository.js';
import type { PromotionLocationRow } from '../store/promotion-location.repository.js';
import type { PromotionStores } from '../store/promotion-stores.js';
import type { SkuAtLocation } from './price-changes.js';

interface OtherPromotion {
  promotion: EnginePromotion;
  channels: Set<Channel>;
  windows: Map<string, PromotionLocationRow>;
  excluded: Set<string>;
  /** The SKUs it runs for, as a set: a publication asks for each of thousands of SKUs at hundreds of locations. */
  skus: Set<string>;
}

export interface PublicationInputs {
  promotion: Promotion;
  engine: EnginePromotion;
  items: PromotionItemRow[];
  windows: Map<string, PromotionLocationRow>;
  /** `sku|location` pairs excluded. */
  excluded: Set<string>;
  conditions: Map<string, ListPriceCondition[]>;
  others: OtherPromotion[];
}

export async function loadPublicationInputs(stores: PromotionStores, promotionId: string): Promise<PublicationInputs> {
  const promotion = toPromotion((await stores.promotions.find(promotionId))!);
  const items = await stores.items.items(promotionId);
  const skus = items.map((i) => i.sku);
  const conditions = new Map<string, ListPriceCondition[]>();
  for (const row of await stores.listPrices.findBySkus(skus)) conditions.set(row.sku, [...(conditions.get(row.sku) ?? []), toListPriceCondition(row)]);
  const otherRows = await stores.active.runningUnitPromotions(skus, promotionId);
  const others = new Map<string, OtherPromotion>();
  for (const row of otherRows) {
    let other = others.get(row.id);
    if (!other) {
      const rule = JSON.parse(row.rule);
      other = {
        promotion: { id: row.id, type: row.type as PromotionType, rule, stacking: row.stacking as StackingMode, priority: row.priority, description: describeDeal(row.type as PromotionType, rule), targets: { skus: [] }, marginApprovedSkus: new Set() },
        channels: new Set([...(row.ch_store ? ['STORE' as const] : []), ...(row.ch_ecommerce ? ['ECOMMERCE' as const] : []), ...(row.ch_mobile ? ['MOBILE' as const] : [])]),
        windows: new Map((await stores.windows.forPromotion(row.id)).map((w) => [w.location_id, w])),
        excluded: new Set((await stores.items.exclusions(row.id)).map((x) => `${x.sku}|${x.locationId}`)),
        skus: new Set(),
      };
      others.set(row.id, other);
    }
    (other.promotion.targets.skus as string[]).push(row.sku);
    other.skus.add(row.sku);
    if (row.margin_approved) (other.promotion.marginApprovedSkus as Set<string>).add(row.sku);
  }
  return {
    promotion,
    engine: {
      id: promotion.id,
      type: promotion.type,
      rule: promotion.rule,
      stacking: promotion.stacking,
      priority: promotion.priority,
      description: describeDeal(promotion.type, promotion.rule),
      targets: { skus },
      marginApprovedSkus: new Set(items.filter((i) => i.margin_approved).map((i) => i.sku)),
    },
    items,
    windows: new Map((await stores.windows.forPromotion(promotionId)).map((w) => [w.location_id, w])),
    excluded: new Set((await stores.items.exclusions(promotionId)).map((x) => `${x.sku}|${x.locationId}`)),
    conditions,
    others: [...others.values()],
  };
}

/** The channels a location publishes for: a store its shelf, the online centre the promotion's online channels. */
export function channelsAt(inputs: PublicationInputs, window: PromotionLocationRow): Channel[] {
  return window.online ? inputs.promotion.channels.filter((c) => c !== 'STORE') : ['STORE'];
}

/** Each SKU the promotion runs for at a location, on each of its channels, at an instant, with the regular price then. */
export function skusAt(inputs: PublicationInputs, window: PromotionLocationRow, at: Date): SkuAtLocation[] {
  const entries: SkuAtLocation[] = [];
  for (const channel of channelsAt(inputs, window)) {
    const region = window.online ? null : window.region;
    const others = inputs.others.filter((o) => o.channels.has(channel) && activeAt(o.windows.get(window.location_id), at));
    for (const item of inputs.items) {
      if (inputs.excluded.has(`${item.sku}|${window.location_id}`)) continue;
      const condition = resolveListPrice(inputs.conditions.get(item.sku) ?? [], { channel, region, at });
      if (!condition || condition.price.currency !== inputs.promotion.rule.currency) continue;
      const theirs = others.filter((o) => o.skus.has(item.sku) && !o.excluded.has(`${item.sku}|${window.location_id}`)).map((o) => o.promotion);
      entries.push({ sku: item.sku, channel, region: condition.region, regular: condition.price.centAmount, unitCost: item.unit_cost, others: theirs });
    }
  }
  return entries;
}

function activeAt(window: PromotionLocationRow | undefined, at: Date): boolean {
  if (!window) return false;
  const t = at.getTime();
  return Date.parse(window.starts_at) <= t && t < Date.parse(window.ends_at);
}

const exclusionIndex = new WeakMap<ReadonlySet<string>, Map<string, string[]>>();

/** The SKUs a `sku|location` set excludes at each location (built once per set). */
function excludedAt(excluded: ReadonlySet<string>, locationId: string): readonly string[] {
  let index = exclusionIndex.get(excluded);
  if (!index) {
    index = new Map();
    for (const key of excluded) {
      const bar = key.lastIndexOf('|');
      const location = key.slice(bar + 1);
      const skus = index.get(location);
      if (skus) skus.push(key.slice(0, bar));
      else index.set(location, [key.slice(0, bar)]);
    }
    for (const skus of index.values()) skus.sort();
    exclusionIndex.set(excluded, index);
  }
  return index.get(locationId) ?? [];
}

/**
 * Everything skusAt's result depends on at a location besides the promotion itself: its channels, its region, which
 * other promotions run there then, and what is excluded there. Locations with the same key get the same entries
 * (300 stores fall into a few groups), so their price changes are computed once.
 */
export function changeGroupKey(inputs: PublicationInputs, window: PromotionLocationRow, at: Date): string {
  const parts: string[] = [window.online ? 'online' : `store:${window.region}`, excludedAt(inputs.excluded, window.location_id).join(',')];
  for (const channel of channelsAt(inputs, window)) {
    parts.push(channel);
    for (const o of inputs.others) {
      if (o.channels.has(channel) && activeAt(o.windows.get(window.location_id), at)) parts.push(`${o.promotion.id}-${excludedAt(o.excluded, window.location_id).join(',')}`);
    }
  }
  return parts.join('|');
}
