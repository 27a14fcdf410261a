// Batches Supplier.purchaseOrders across suppliers that ask for the same filter, page size and cursor.
import { pageSize, toConnection } from '@retail-hub/platform';
import type { PurchaseOrderRepository } from '../store/purchase-order.repository.js';
import type { SupplierScope } from '../store/supplier-scope.js';
import { byParent, createParentPageLoader, sharedCounts, type ParentPageKey } from './parent-page.loader.js';
import { purchaseOrderCursor, purchaseOrderPosition, purchaseOrderQuery, type PurchaseOrderFilterInput } from './purchase-order-query.js';
import { toPurchaseOrder, type PurchaseOrder } from './supplier-model.js';

export interface SupplierPurchaseOrdersKey extends ParentPageKey {
  filter?: PurchaseOrderFilterInput | null;
}

export function createSupplierPurchaseOrdersLoader(orders: PurchaseOrderRepository, scope: SupplierScope) {
  return createParentPageLoader<SupplierPurchaseOrdersKey, PurchaseOrder>({
    pageArgs: (key) => JSON.stringify([key.filter ?? null, key.first ?? null, key.after ?? null]),
    async loadPages(supplierIds, { filter, first, after }) {
      const limit = pageSize(first);
      const query = purchaseOrderQuery(filter);
      const position = purchaseOrderPosition(after);
      const rows = byParent(await orders.firstPerSupplier(scope, supplierIds, query, position, limit + 1), (r) => r.supplier_id);
      const countOf = sharedCounts(() => orders.countPerSupplier(scope, supplierIds, query));
      return new Map(
        supplierIds.map((id) => [id, toConnection((rows.get(id) ?? []).map(toPurchaseOrder), limit, purchaseOrderCursor, countOf(id), position !== null)]),
      );
    },
  });
}
