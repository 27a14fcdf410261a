// Batches Product.stockLevels across products that ask for the same filter, page size and cursor.
import DataLoader from 'dataloader';
import { toConnection, type Connection } from '@retail-hub/platform';
import type { LocationStockQuery, StockPositionRepository } from '../store/stock-position.repository.js';
import { toStockLevel, type StockLevel } from './inventory-model.js';
import type { StockFreshness } from './stock-freshness.js';

export interface ProductStockPageKey {
  sku: string;
  /** Already validated by the service. */
  query: LocationStockQuery;
  limit: number;
}

export function createProductStockLevelsLoader(positions: StockPositionRepository, freshness: StockFreshness) {
  return new DataLoader<ProductStockPageKey, Connection<StockLevel>, string>(
    async (keys) => {
      // Keys with the same filter and page share one windowed query.
      const groups = new Map<string, ProductStockPageKey[]>();
      for (const key of keys) {
        const group = pageKey(key);
        const members = groups.get(group);
        if (members) members.push(key);
        else groups.set(group, [key]);
      }
      const current = freshness.current();
      const results = new Map<ProductStockPageKey, Connection<StockLevel>>();
      for (const group of groups.values()) {
        const { query, limit } = group[0]!;
        const skus = [...new Set(group.map((k) => k.sku))];
        const rows = await positions.firstPerSku(skus, query, limit + 1);
        const { afterLocationId: _after, ...countQuery } = query;
        let counts: Promise<Map<string, number>> | null = null;
        for (const key of group) {
          const own = rows.filter((r) => r.sku === key.sku).map((r) => toStockLevel(r, current));
          const totalCount = async () => ((counts ??= positions.countPerSku(skus, countQuery)), (await counts).get(key.sku) ?? 0);
          results.set(key, toConnection(own, limit, (s) => [s.locationId], totalCount, query.afterLocationId !== undefined));
        }
      }
      return keys.map((k) => results.get(k)!);
    },
    { cacheKeyFn: (k) => `${k.sku}|${pageKey(k)}` },
  );
}

function pageKey(key: ProductStockPageKey): string {
  const q = key.query;
  return JSON.stringify([key.limit, q.locationIds ?? null, q.locationType ?? null, q.region ?? null, q.belowAvailable ?? null, q.afterLocationId ?? null]);
}
