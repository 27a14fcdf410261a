// The stock-read rules: one product at one location, a product across locations, and the operations view.
import { badUserInput, decodeCursor, pageSize, toConnection, type Connection } from '@retail-hub/platform';
import type { InventoryLoaders } from '../context.js';
import type { LocationStockQuery, StockKey, StockPositionRepository } from '../store/stock-position.repository.js';
import { toStockLevel, type StockLevel } from './inventory-model.js';
import type { StockFreshness } from './stock-freshness.js';

export interface StockLevelFilterInput {
  locationIds?: string[] | null;
  type?: string | null;
  region?: string | null;
  belowAvailable?: number | null;
}

export interface StockQueryFilterInput {
  skus?: string[] | null;
  locationIds?: string[] | null;
  belowAvailable?: number | null;
}

/** Longest id list a filter takes: enough for a region's stores, small enough for one query. */
const MAX_FILTER_IDS = 500;

export class StockLevelService {
  constructor(private readonly positions: StockPositionRepository, private readonly freshness: StockFreshness) {}

  /** Batch lookup in key order (a DataLoader batch function). */
  async levelsByKey(keys: readonly StockKey[]): Promise<(StockLevel | null)[]> {
    const rows = await this.positions.findByKeys(keys);
    const freshness = this.freshness.current();
    const byKey = new Map(rows.map((r) => [`${r.sku}@${r.location_id}`, toStockLevel(r, freshness)]));
    return keys.map((k) => byKey.get(`${k.sku}@${k.locationId}`) ?? null);
  }

  async stockAt(loaders: InventoryLoaders, sku: string, locationId: string): Promise<StockLevel | null> {
    if (!(await loaders.locationById.load(locationId))) throw badUserInput('locationId', `no location ${locationId}`);
    return loaders.stockByKey.load({ sku, locationId });
  }

  async productStockLevels(loaders: InventoryLoaders, sku: string, filter: StockLevelFilterInput | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<StockLevel>> {
    const limit = pageSize(first);
    const afterLocationId = after ? String(decodeCursor(after, 'after')[0]) : undefined;
    const query: LocationStockQuery = {
      locationIds: await this.knownLocations(loaders, filter?.locationIds),
      locationType: filter?.type ?? undefined,
      region: filter?.region?.trim() || undefined,
      belowAvailable: belowAvailable(filter?.belowAvailable),
      afterLocationId,
    };
    return loaders.productStockLevels.load({ sku, query, limit });
  }

  /** `onlySkus`: a supplier partner's own SKUs (it sees no other stock); null for everyone else. */
  async listStockLevels(
    loaders: InventoryLoaders,
    filter: StockQueryFilterInput | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
    onlySkus: ReadonlySet<string> | null = null,
  ): Promise<Connection<StockLevel>> {
    const limit = pageSize(first);
    const cursor = after ? decodeCursor(after, 'after', 2).map(String) : undefined;
    if (filter?.skus && filter.skus.length > MAX_FILTER_IDS) throw badUserInput('filter.skus', `at most ${MAX_FILTER_IDS} SKUs`);
    const query = {
      skus: onlySkus ? (filter?.skus ?? [...onlySkus]).filter((sku) => onlySkus.has(sku)) : (filter?.skus ?? undefined),
      locationIds: await this.knownLocations(loaders, filter?.locationIds),
      belowAvailable: belowAvailable(filter?.belowAvailable),
    };
    const rows = await this.positions.page({ ...query, after: cursor ? { sku: cursor[0]!, locationId: cursor[1]! } : undefined, limit: limit + 1 });
    const freshness = this.freshness.current();
    return toConnection(rows.map((r) => toStockLevel(r, freshness)), limit, (s) => [s.sku, s.locationId], () => this.positions.count(query), Boolean(cursor));
  }

  /** Location filters name locations that must exist: a typo should not read as "no stock". */
  private async knownLocations(loaders: InventoryLoaders, ids: string[] | null | undefined): Promise<string[] | undefined> {
    if (!ids) return undefined;
    if (ids.length > MAX_FILTER_IDS) throw badUserInput('filter.locationIds', `at most ${MAX_FILTER_IDS} locations`);
    const found = await loaders.locationById.loadMany(ids);
    const missing = found.findIndex((l) => !l || l instanceof Error);
    if (missing >= 0) throw badUserInput(`filter.locationIds.${missing}`, `no location ${ids[missing]}`);
    return ids;
  }
}

function belowAvailable(value: number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (value < 0) throw badUserInput('filter.belowAvailable', 'must be 0 or more');
  return value;
}
