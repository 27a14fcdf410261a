// The stockChanged rules: which stock changes a subscriber receives (its filter and, for a partner, its own items) and how one reads.
import { badUserInput, supplierPartnerId, type Claims, type FeedCursor, type LiveEvent, type LiveEventFeed } from '@retail-hub/platform';
import { STOCK_CHANGED_V1, type StockChangedV1, type StockQuantities } from '../events/stock-changed.event.js';
import type { InventoryContext } from '../context.js';
import { availableOf, type Location } from '../services/inventory-model.js';
import type { PartnerSkuSource } from '@retail-hub/platform/claims/partner-skus';

export interface StockChangedFilterInput {
  skus?: string[] | null;
  locationIds?: string[] | null;
  belowAvailable?: number | null;
}

export interface StockChange extends StockQuantities {
  id: string;
  sku: string;
  locationId: string;
  available: number;
  previous: StockQuantities & { available: number };
  reason: string;
  asOf: string;
}

/** As in the stock-level filters: enough for a region's stores, small enough to hold per subscription. */
const MAX_FILTER_IDS = 500;
/** How often an open partner subscription asks for its SKUs again (the source caches them), so new items show up. */
const PARTNER_REFRESH_MS = 10_000;
/** Locations are reference data the ERP sync reloads every few seconds: a change's location may be this old. */
const LOCATION_TTL_MS = 10_000;

export class StockChangeStreams {
  private readonly locations = new Map<string, { location: Location | null; at: number }>();

  constructor(private readonly deps: { feed: LiveEventFeed; partnerSkus: PartnerSkuSource }) {}

  /** Read once per location and TTL rather than once per event and subscription (every event runs with fresh loaders). */
  async location(ctx: InventoryContext, id: string): Promise<Location | null> {
    const hit = this.locations.get(id);
    if (hit && Date.now() - hit.at < LOCATION_TTL_MS) return hit.location;
    const location = await ctx.loaders.locationById.load(id);
    this.locations.set(id, { location, at: Date.now() });
    return location;
  }

  /** Bad filters are refused before anything is opened; a partner's items are known before the first event. */
  async open(claims: Claims, filter: StockChangedFilterInput | null | undefined, resumeAfter: FeedCursor | null): Promise<AsyncIterableIterator<LiveEvent>> {
    const matches = filterPredicate(filter);
    const partner = supplierPartnerId(claims);
    const inScope = partner ? await this.partnerScope(partner) : () => true;
    return this.deps.feed.open((item) => {
      if (item.event.type !== STOCK_CHANGED_V1) return false;
      const data = item.event.data as StockChangedV1;
      return matches(data) && inScope(data.sku);
    }, resumeAfter);
  }

  /** Known before the first event; refreshed in the background while the stream is open (the last list stands meanwhile). */
  private async partnerScope(supplierId: string): Promise<(sku: string) => boolean> {
    let skus = await this.deps.partnerSkus.skusOf(supplierId);
    let checkedAt = Date.now();
    return (sku) => {
      if (Date.now() - checkedAt > PARTNER_REFRESH_MS) {
        checkedAt = Date.now();
        this.deps.partnerSkus.skusOf(supplierId).then((fresh) => (skus = fresh), () => undefined);
      }
      return skus.has(sku);
    };
  }
}

export function toStockChange(item: LiveEvent): StockChange {
  const data = item.event.data as StockChangedV1;
  const { previous } = data;
  return {
    id: item.event.id,
    sku: data.sku,
    locationId: data.locationId,
    onHand: data.onHand,
    reserved: data.reserved,
    available: data.available,
    inbound: data.inbound,
    previous: { ...previous, available: availableOf(previous.onHand, previous.reserved) },
    reason: data.reason,
    asOf: data.asOf,
  };
}

function filterPredicate(filter: StockChangedFilterInput | null | undefined): (data: StockChangedV1) => boolean {
  const skus = idSet(filter?.skus, 'filter.skus', 'SKUs');
  const locations = idSet(filter?.locationIds, 'filter.locationIds', 'locations');
  const below = filter?.belowAvailable ?? null;
  if (below !== null && below < 0) throw badUserInput('filter.belowAvailable', 'must be 0 or more');
  return (data) => (!skus || skus.has(data.sku)) && (!locations || locations.has(data.locationId)) && (below === null || data.available < below);
}

function idSet(ids: string[] | null | undefined, field: string, what: string): Set<string> | null {
  if (ids === null || ids === undefined) return null;
  // An empty list would match nothing, for ever: almost certainly a client bug, so say so.
  if (ids.length === 0 || ids.length > MAX_FILTER_IDS) throw badUserInput(field, `give 1 to ${MAX_FILTER_IDS} ${what}, or leave it out for all`);
  return new Set(ids);
}
