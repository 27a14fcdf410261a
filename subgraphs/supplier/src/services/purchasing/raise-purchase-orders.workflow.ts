// Raising purchase orders from approved proposals, as a saga: its progress is saved, so a crash resumes or undoes it.
import type { Workflow } from '@retail-hub/platform';
import { approvePurchaseOrdersStep } from './approve-purchase-orders.step.js';
import { draftPurchaseOrdersStep } from './draft-purchase-orders.step.js';
import type { PurchasingDeps } from './purchasing-deps.js';

export interface RaiseState {
  /** Names the saga and numbers its orders (PO-<sagaKey>-n). */
  sagaKey: string;
  proposalIds: string[];
  approvedBy: string;
  orderIds?: string[];
}

export const RAISE_PURCHASE_ORDERS = 'raise-purchase-orders';

/** Then the order-sending dispatcher sends each order to the ERP and queues it for the supplier's webhooks (SENT). */
export function raisePurchaseOrdersWorkflow(deps: PurchasingDeps): Workflow<RaiseState> {
  return {
    name: RAISE_PURCHASE_ORDERS,
    steps: [draftPurchaseOrdersStep(deps), approvePurchaseOrdersStep(deps)],
  };
}
