// Step 2 of raising orders: DRAFT -> APPROVED, and the send to the ERP and the supplier queued in the same transaction.
import type { SagaStep } from '@retail-hub/platform';
import { purchaseOrderApprovedEvent } from '../../events/purchase-order-approved.event.js';
import { purchaseOrderSnapshot } from '../../events/purchase-order-snapshot.js';
import type { PurchasingDeps } from './purchasing-deps.js';
import type { RaiseState } from './raise-purchase-orders.workflow.js';

/**
 * The ERP call is not made here: it goes through the order-sending dispatcher (erp-order-sender.ts), which retries
 * an ERP that is down for as long as it takes and keeps a circuit breaker, so an outage leaves orders APPROVED
 * and waiting instead of undoing the buyer's approval. Running this step again changes nothing.
 */
export function approvePurchaseOrdersStep(deps: PurchasingDeps): SagaStep<RaiseState> {
  return {
    name: 'approve-purchase-orders',
    async run(state) {
      const now = deps.clock.now().toISOString();
      await deps.events.transaction(deps.db, async (trx, emit) => {
        for (const id of state.orderIds ?? []) {
          const locked = await deps.lifecycle.lock(trx, id, { supplierId: null });
          if (!locked || locked.order.status !== 'DRAFT') continue;
          await deps.lifecycle.updateOrder(trx, id, { status: 'APPROVED', updated_at: now });
          await deps.lifecycle.setWorkflow(trx, id, 'SEND_TO_ERP', now);
          emit(purchaseOrderApprovedEvent(purchaseOrderSnapshot({ ...locked.order, status: 'APPROVED', updated_at: now }, locked.lines, 'DRAFT', now), state.approvedBy));
        }
      });
    },
  };
}
