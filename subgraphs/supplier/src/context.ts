// Per-request context of the supplier subgraph: the caller's verified claims, its scope and fresh DataLoaders.
import DataLoader from 'dataloader';
import type { Claims } from '@retail-hub/platform';
import { callerScope } from './services/caller-scope.js';
import type { PurchaseOrderService } from './services/purchase-order.service.js';
import type { PurchaseOrder, PurchaseOrderLine, Supplier, SupplierItem } from './services/supplier-model.js';
import { createSupplierItemsLoader } from './services/supplier-items.loader.js';
import { createSupplierPurchaseOrdersLoader } from './services/supplier-purchase-orders.loader.js';
import type { SupplierService } from './services/supplier.service.js';
import type { PurchaseOrderRepository } from './store/purchase-order.repository.js';
import type { SupplierItemRepository } from './store/supplier-item.repository.js';
import type { SupplierScope } from './store/supplier-scope.js';

export interface SupplierServices {
  suppliers: SupplierService;
  purchaseOrders: PurchaseOrderService;
  /** The paged list loaders read these directly, a window per parent. */
  itemRepository: SupplierItemRepository;
  orderRepository: PurchaseOrderRepository;
}

export interface SupplierContext {
  claims: Claims;
  /** What this caller may see; every loader and list applies it. */
  scope: SupplierScope;
  suppliers: SupplierService;
  purchaseOrders: PurchaseOrderService;
  loaders: {
    supplierById: DataLoader<string, Supplier | null>;
    supplierItemsBySku: DataLoader<string, SupplierItem[]>;
    purchaseOrderById: DataLoader<string, PurchaseOrder | null>;
    purchaseOrderLines: DataLoader<string, PurchaseOrderLine[]>;
    supplierItems: ReturnType<typeof createSupplierItemsLoader>;
    supplierPurchaseOrders: ReturnType<typeof createSupplierPurchaseOrdersLoader>;
  };
}

export function createSupplierContext(claims: Claims, services: SupplierServices): SupplierContext {
  const scope = callerScope(claims);
  const { suppliers, purchaseOrders } = services;
  return {
    claims,
    scope,
    suppliers,
    purchaseOrders,
    loaders: {
      supplierById: new DataLoader((ids) => suppliers.suppliersById(scope, ids)),
      supplierItemsBySku: new DataLoader((skus) => suppliers.itemsBySku(scope, skus)),
      purchaseOrderById: new DataLoader((ids) => purchaseOrders.purchaseOrdersById(scope, ids)),
      purchaseOrderLines: new DataLoader((ids) => purchaseOrders.linesByPurchaseOrderId(scope, ids)),
      supplierItems: createSupplierItemsLoader(services.itemRepository, scope),
      supplierPurchaseOrders: createSupplierPurchaseOrdersLoader(services.orderRepository, scope),
    },
  };
}
