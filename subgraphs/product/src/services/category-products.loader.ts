// Batches Category.products across categories that ask for the same page size and cursor.
import DataLoader from 'dataloader';
import { decodeCursor, pageSize, toConnection, type Connection } from '@retail-hub/platform';
import type { ProductRepository } from '../store/product.repository.js';
import { toProduct, type Product } from './catalog-model.js';

export interface CategoryPageKey {
  categoryId: string;
  first: number | null | undefined;
  after: string | null | undefined;
}

/** `onlySkus` resolves to a supplier partner's own items, or null for everyone else. */
export function createCategoryProductsLoader(products: ProductRepository, onlySkus: () => Promise<ReadonlySet<string> | null> = async () => null) {
  return new DataLoader<CategoryPageKey, Connection<Product>, string>(
    async (keys) => {
      // Keys with the same page arguments share one windowed query.
      const groups = new Map<string, CategoryPageKey[]>();
      for (const key of keys) {
        const group = `${key.first ?? ''}|${key.after ?? ''}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const results = new Map<CategoryPageKey, Connection<Product>>();
      const allowed = await onlySkus();
      const skus = allowed ? [...allowed] : undefined;
      for (const group of groups.values()) {
        const { first, after } = group[0]!;
        const limit = pageSize(first);
        const afterSku = after ? String(decodeCursor(after, 'after')[0]) : null;
        const ids = group.map((k) => k.categoryId);
        const rows = await products.firstPerCategory(ids, afterSku, limit + 1, skus);
        let counts: Promise<Map<string, number>> | null = null;
        for (const key of group) {
          const own = rows.filter((r) => r.category_id === key.categoryId).map(toProduct);
          results.set(key, toConnection(own, limit, (p) => [p.sku], async () => ((counts ??= products.countPerCategory(ids, skus)), (await counts).get(key.categoryId) ?? 0), Boolean(afterSku)));
        }
      }
      return keys.map((k) => results.get(k)!);
    },
    { cacheKeyFn: (k) => `${k.categoryId}|${k.first ?? ''}|${k.after ?? ''}` },
  );
}
