// Batches Supplier.items across suppliers that ask for the same page size and cursor.
import { decodeCursor, pageSize, toConnection } from '@retail-hub/platform';
import type { SupplierItemRepository } from '../store/supplier-item.repository.js';
import type { SupplierScope } from '../store/supplier-scope.js';
import { byParent, createParentPageLoader, sharedCounts, type ParentPageKey } from './parent-page.loader.js';
import { toSupplierItem, type SupplierItem } from './supplier-model.js';

export function createSupplierItemsLoader(items: SupplierItemRepository, scope: SupplierScope) {
  return createParentPageLoader<ParentPageKey, SupplierItem>({
    pageArgs: (key) => `${key.first ?? ''}|${key.after ?? ''}`,
    async loadPages(supplierIds, { first, after }) {
      const limit = pageSize(first);
      const afterSku = after ? String(decodeCursor(after, 'after')[0]) : null;
      const rows = byParent(await items.firstPerSupplier(scope, supplierIds, afterSku, limit + 1), (r) => r.supplier_id);
      const countOf = sharedCounts(() => items.countPerSupplier(scope, supplierIds));
      return new Map(
        supplierIds.map((id) => [id, toConnection((rows.get(id) ?? []).map(toSupplierItem), limit, (item) => [item.sku], countOf(id), afterSku !== null)]),
      );
    },
  });
}
