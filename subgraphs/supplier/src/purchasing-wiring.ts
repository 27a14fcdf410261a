// Builds the purchase-order side of the subgraph: the raise saga, the ERP order sender, and the lifecycle services.
import { SagaRunner, type Dialect, type ServiceEvents, type Webhooks } from '@retail-hub/platform';
import type { Kysely } from 'kysely';
import type { Planning } from './planning-wiring.js';
import type { SupplierSubgraphDeps } from './server.js';
import { PositionAdjustments } from './services/position-adjustments.js';
import { AdvanceShipNoticeService } from './services/purchasing/advance-ship-notice.service.js';
import { ApproveProposalsService } from './services/purchasing/approve-proposals.service.js';
import { CancelPurchaseOrderService } from './services/purchasing/cancel-purchase-order.service.js';
import { ConfirmPurchaseOrderService } from './services/purchasing/confirm-purchase-order.service.js';
import { ErpOrderSender } from './services/purchasing/erp-order-sender.js';
import type { PurchasingDeps } from './services/purchasing/purchasing-deps.js';
import { raisePurchaseOrdersWorkflow } from './services/purchasing/raise-purchase-orders.workflow.js';
import { ReceivePurchaseOrderService } from './services/purchasing/receive-purchase-order.service.js';
import { SupplierWebhooksService } from './services/purchasing/supplier-webhooks.service.js';
import { PurchaseOrderLifecycleRepository } from './store/purchase-order-lifecycle.repository.js';
import type { SupplierDatabase } from './store/supplier-tables.js';
import { SupplierRepository } from './store/supplier.repository.js';

export interface PurchasingWiringInput {
  deps: SupplierSubgraphDeps;
  db: Kysely<SupplierDatabase>;
  dialect: Dialect;
  events: ServiceEvents;
  webhooks: Webhooks;
  planning: Planning;
}

export function createPurchasing({ deps, db, dialect, events, webhooks, planning }: PurchasingWiringInput) {
  const lifecycle = new PurchaseOrderLifecycleRepository(db, dialect);
  const shared: PurchasingDeps = {
    db,
    events,
    purchasing: deps.erp.purchasing,
    webhooks,
    lifecycle,
    proposals: planning.proposals,
    runItems: planning.runItems,
    runs: planning.runRepository,
    positions: new PositionAdjustments(planning.positions, planning.slots),
    slots: planning.slots,
    clock: deps.clock,
    logger: deps.logger,
  };
  const sender = new ErpOrderSender(shared);
  const sagas = new SagaRunner({ db, clock: deps.clock, logger: deps.logger, workflows: [raisePurchaseOrdersWorkflow(shared)] });
  return {
    lifecycle,
    sender,
    sagas,
    services: {
      approvals: new ApproveProposalsService(shared, sagas, sender),
      confirmations: new ConfirmPurchaseOrderService(shared),
      shipNotices: new AdvanceShipNoticeService(shared),
      receipts: new ReceivePurchaseOrderService(shared),
      cancellations: new CancelPurchaseOrderService(shared),
      webhooks: new SupplierWebhooksService(webhooks, new SupplierRepository(db)),
    },
  };
}
