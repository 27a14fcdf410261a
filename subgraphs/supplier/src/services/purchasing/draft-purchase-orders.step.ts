// Step 1 of raising orders: claim the proposals and draft one order per supplier, destination and date (DRAFT).
import type { SagaStep } from '@retail-hub/platform';
import { purchaseOrderCreatedEvent } from '../../events/purchase-order-created.event.js';
import { purchaseOrderCancelledEvent } from '../../events/purchase-order-cancelled.event.js';
import { purchaseOrderSnapshot } from '../../events/purchase-order-snapshot.js';
import { parseProposalId, proposalId } from '../runs/run-ids.js';
import { groupIntoOrders, type ApprovedProposal } from './purchase-order-grouping.js';
import type { PurchasingDeps } from './purchasing-deps.js';
import type { RaiseState } from './raise-purchase-orders.workflow.js';

/**
 * Orders are numbered from the saga's key (PO-<key>-1, -2 ...): should the process die after this step committed
 * but before its outcome was saved, the step runs again, finds its orders and returns them instead of drafting twice.
 * Claiming a proposal is a conditional update, so two approvals of the same proposals at once put each in one order.
 */
export function draftPurchaseOrdersStep(deps: PurchasingDeps): SagaStep<RaiseState> {
  return {
    name: 'draft-purchase-orders',
    async run(state) {
      const prefix = `PO-${state.sagaKey}-`;
      const existing = await deps.db.selectFrom('purchase_order').select('id').where('id', 'like', `${prefix}%`).execute();
      if (existing.length) return { orderIds: existing.map((r) => r.id).sort() };
      const now = deps.clock.now().toISOString();
      const orderIds = await deps.events.transaction(deps.db, async (trx, emit) => {
        const keys = state.proposalIds.map((id) => parseProposalId(id)!);
        const rows = (await deps.proposals.findByKeys(keys, trx)).filter((r) => r.status === 'PROPOSED' && r.quantity > 0);
        const items = new Map((await deps.runItems.find(rows.map((r) => ({ runId: r.run_id, sku: r.sku })), trx)).map((i) => [`${i.run_id}|${i.sku}`, i]));
        const approved: ApprovedProposal[] = rows.map((r) => {
          const item = items.get(`${r.run_id}|${r.sku}`)!;
          return {
            key: { runId: r.run_id, seq: r.seq },
            id: proposalId(r.run_id, r.seq),
            sku: r.sku,
            locationId: r.location_id,
            quantity: r.quantity,
            supplierId: item.supplier_id,
            unitCostCentAmount: item.unit_cost_cent_amount,
            currency: item.currency,
            expectedDate: item.expected_date,
          };
        });
        const ids: string[] = [];
        for (const [n, draft] of groupIntoOrders(approved).entries()) {
          const id = `${prefix}${n + 1}`;
          const claimed: ApprovedProposal[] = [];
          for (const p of draft.proposals) if (await deps.proposals.claim(trx, p.key, id)) claimed.push(p);
          // Another approval took them first: nothing to order here.
          if (claimed.length === 0) continue;
          const lines = groupIntoOrders(claimed)[0]!.lines;
          const total = lines.reduce((sum, l) => sum + l.quantity * l.unitCostCentAmount, 0);
          await deps.lifecycle.insertOrders(
            trx,
            [{ id, supplier_id: draft.supplierId, location_id: draft.locationId, status: 'DRAFT', expected_date: draft.expectedDate, requested_date: draft.expectedDate, currency: draft.currency, total_cent_amount: total, created_at: now, updated_at: now, managed_by: 'HUB' }],
            lines.map((l, i) => ({ purchase_order_id: id, line_no: i + 1, sku: l.sku, quantity: l.quantity, received_quantity: 0, unit_cost_cent_amount: l.unitCostCentAmount })),
          );
          const [created] = await deps.lifecycle.read([id], trx);
          emit(purchaseOrderCreatedEvent(purchaseOrderSnapshot(created!.order, created!.lines, null, now), claimed.map((p) => p.id)));
          ids.push(id);
        }
        return ids;
      });
      return { orderIds };
    },
    /** Cancels the drafts this saga made that never reached the ERP, and gives their proposals back. */
    async compensate(state) {
      const prefix = `PO-${state.sagaKey}-`;
      const now = deps.clock.now().toISOString();
      await deps.events.transaction(deps.db, async (trx, emit) => {
        const open = await trx.selectFrom('purchase_order').select(['id', 'status']).where('id', 'like', `${prefix}%`).where('status', 'in', ['DRAFT', 'APPROVED']).execute();
        const ids = open.map((o) => o.id);
        if (ids.length === 0) return;
        await trx.updateTable('purchase_order').set({ status: 'CANCELLED', cancel_reason: 'approval did not complete', updated_at: now }).where('id', 'in', ids).execute();
        await trx.updateTable('purchase_order_workflow').set({ next_step: 'DONE', updated_at: now }).where('purchase_order_id', 'in', ids).execute();
        await deps.proposals.release(trx, ids);
        for (const { order, lines } of await deps.lifecycle.read(ids, trx)) {
          const previous = open.find((o) => o.id === order.id)!.status;
          emit(purchaseOrderCancelledEvent(purchaseOrderSnapshot(order, lines, previous, now), 'approval did not complete'));
        }
      });
    },
  };
}
