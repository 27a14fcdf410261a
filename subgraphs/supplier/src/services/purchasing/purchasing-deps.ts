// What the purchase-order steps and services share: the store, the outbox, the ERP's purchasing port, supplier webhooks.
import type { Clock, Logger, ServiceEvents, Webhooks } from '@retail-hub/platform';
import type { PurchasingPort } from '@retail-hub/erp';
import type { Kysely } from 'kysely';
import type { PurchaseOrderLifecycleRepository } from '../../store/purchase-order-lifecycle.repository.js';
import type { ReplenishmentProposalRepository } from '../../store/replenishment-proposal.repository.js';
import type { ReplenishmentRunItemRepository } from '../../store/replenishment-run-item.repository.js';
import type { ReplenishmentRunRepository } from '../../store/replenishment-run.repository.js';
import type { SupplierDatabase } from '../../store/supplier-tables.js';
import type { LocationSlots } from '../location-slots.js';
import type { PositionAdjustments } from '../position-adjustments.js';

export interface PurchasingDeps {
  db: Kysely<SupplierDatabase>;
  events: ServiceEvents;
  purchasing: PurchasingPort;
  webhooks: Webhooks;
  lifecycle: PurchaseOrderLifecycleRepository;
  proposals: ReplenishmentProposalRepository;
  runItems: ReplenishmentRunItemRepository;
  runs: ReplenishmentRunRepository;
  positions: PositionAdjustments;
  slots: LocationSlots;
  clock: Clock;
  logger: Logger;
}

/** The webhook audience of suppliers; an endpoint's key is the supplier id. */
export const SUPPLIER_AUDIENCE = 'SUPPLIER';
