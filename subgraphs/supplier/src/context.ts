// Per-request context of the supplier subgraph: the caller's verified claims, its scope and fresh DataLoaders.
import DataLoader from 'dataloader';
import type { Claims } from '@retail-hub/platform';
import { callerScope } from './services/caller-scope.js';
import type { AdvanceShipNoticeService } from './services/purchasing/advance-ship-notice.service.js';
import type { ApproveProposalsService } from './services/purchasing/approve-proposals.service.js';
import type { CancelPurchaseOrderService } from './services/purchasing/cancel-purchase-order.service.js';
import type { ConfirmPurchaseOrderService } from './services/purchasing/confirm-purchase-order.service.js';
import type { ReceivePurchaseOrderService } from './services/purchasing/receive-purchase-order.service.js';
import type { SupplierWebhooksService } from './services/purchasing/supplier-webhooks.service.js';
import type { PurchaseOrderService } from './services/purchase-order.service.js';
import type { PurchaseOrder, PurchaseOrderLine, Supplier, SupplierItem } from './services/supplier-model.js';
import type { ReplenishmentQueryService } from './services/runs/replenishment-query.service.js';
import type { ReplenishmentRunService } from './services/runs/replenishment-run.service.js';
import type { ProposalView, RunView } from './services/runs/replenishment-views.js';
import { createSupplierItemsLoader } from './services/supplier-items.loader.js';
import { createSupplierPurchaseOrdersLoader } from './services/supplier-purchase-orders.loader.js';
import type { SupplierService } from './services/supplier.service.js';
import type { PurchaseOrderLifecycleRepository, ReceiptRow, ShipNoticeRow } from './store/purchase-order-lifecycle.repository.js';
import type { PurchaseOrderRepository } from './store/purchase-order.repository.js';
import type { SupplierItemRepository } from './store/supplier-item.repository.js';
import type { SupplierScope } from './store/supplier-scope.js';

export interface SupplierServices {
  suppliers: SupplierService;
  purchaseOrders: PurchaseOrderService;
  /** The paged list loaders read these directly, a window per parent. */
  itemRepository: SupplierItemRepository;
  orderRepository: PurchaseOrderRepository;
  lifecycle: PurchaseOrderLifecycleRepository;
  runs: ReplenishmentRunService;
  replenishment: ReplenishmentQueryService;
  approvals: ApproveProposalsService;
  confirmations: ConfirmPurchaseOrderService;
  shipNotices: AdvanceShipNoticeService;
  receipts: ReceivePurchaseOrderService;
  cancellations: CancelPurchaseOrderService;
  webhooks: SupplierWebhooksService;
}

export interface SupplierContext extends Omit<SupplierServices, 'itemRepository' | 'orderRepository' | 'lifecycle'> {
  claims: Claims;
  /** What this caller may see; every loader and list applies it. */
  scope: SupplierScope;
  loaders: {
    supplierById: DataLoader<string, Supplier | null>;
    supplierItemsBySku: DataLoader<string, SupplierItem[]>;
    purchaseOrderById: DataLoader<string, PurchaseOrder | null>;
    purchaseOrderLines: DataLoader<string, PurchaseOrderLine[]>;
    supplierItems: ReturnType<typeof createSupplierItemsLoader>;
    supplierPurchaseOrders: ReturnType<typeof createSupplierPurchaseOrdersLoader>;
    shipNotices: DataLoader<string, ShipNoticeRow[]>;
    receipts: DataLoader<string, ReceiptRow[]>;
    runById: DataLoader<string, RunView | null>;
    proposalById: DataLoader<string, ProposalView | null>;
  };
}

export function createSupplierContext(claims: Claims, services: SupplierServices): SupplierContext {
  const scope = callerScope(claims);
  const { itemRepository, orderRepository, lifecycle, ...rest } = services;
  const { suppliers, purchaseOrders, replenishment } = services;
  return {
    ...rest,
    claims,
    scope,
    loaders: {
      supplierById: new DataLoader((ids) => suppliers.suppliersById(scope, ids)),
      supplierItemsBySku: new DataLoader((skus) => suppliers.itemsBySku(scope, skus)),
      purchaseOrderById: new DataLoader((ids) => purchaseOrders.purchaseOrdersById(scope, ids)),
      purchaseOrderLines: new DataLoader((ids) => purchaseOrders.linesByPurchaseOrderId(scope, ids)),
      supplierItems: createSupplierItemsLoader(itemRepository, scope),
      supplierPurchaseOrders: createSupplierPurchaseOrdersLoader(orderRepository, scope),
      shipNotices: new DataLoader(async (ids) => groupByOrder(ids, await lifecycle.shipNotices(scope, ids))),
      receipts: new DataLoader(async (ids) => groupByOrder(ids, await lifecycle.receipts(scope, ids))),
      runById: new DataLoader((ids) => replenishment.runsById(ids)),
      proposalById: new DataLoader((ids) => replenishment.proposalsById(ids)),
    },
  };
}

function groupByOrder<R extends { purchase_order_id: string }>(ids: readonly string[], rows: readonly R[]): R[][] {
  return ids.map((id) => rows.filter((r) => r.purchase_order_id === id));
}
