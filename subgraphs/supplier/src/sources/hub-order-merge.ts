// Applies the ERP's report of an order the hub manages: received quantities and ERP-side cancellations, never the hub's own steps.
import type { PurchaseOrderRecord } from '@retail-hub/erp';
import type { Transaction } from 'kysely';
import { mergeErpStatus, type PurchaseOrderStatus } from '../services/purchasing/purchase-order-status.js';
import type { SupplierDatabase } from '../store/supplier-tables.js';

/** Ids among `ids` whose lifecycle the hub keeps (managed_by HUB). */
export async function hubManagedIds(trx: Transaction<SupplierDatabase>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await trx.selectFrom('purchase_order').select('id').where('id', 'in', [...ids]).where('managed_by', '=', 'HUB').execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Receipts booked in the ERP directly (not through the hub) show up here: received quantities only ever grow, and
 * the status follows (mergeErpStatus). Confirmations, dates and the hub's statuses stay as the hub has them. An
 * order this makes RECEIVED against a short confirmation has its ERP remainder closed by the order sender.
 */
export async function mergeHubOrder(trx: Transaction<SupplierDatabase>, record: PurchaseOrderRecord, now: string): Promise<void> {
  const order = await trx.selectFrom('purchase_order').selectAll().where('id', '=', record.id).executeTakeFirstOrThrow();
  const lines = await trx.selectFrom('purchase_order_line').selectAll().where('purchase_order_id', '=', record.id).orderBy('line_no').execute();
  const erpReceived = new Map(record.lines.map((l) => [l.sku, l.receivedQuantity]));
  const merged = lines.map((l) => ({ ...l, received_quantity: Math.max(l.received_quantity, erpReceived.get(l.sku) ?? 0) }));
  const status = mergeErpStatus(order.status as PurchaseOrderStatus, record.status, merged.map((l) => ({ quantity: l.quantity, confirmedQuantity: l.confirmed_quantity, receivedQuantity: l.received_quantity })));
  for (const [i, l] of merged.entries()) {
    if (l.received_quantity !== lines[i]!.received_quantity) {
      await trx.updateTable('purchase_order_line').set({ received_quantity: l.received_quantity }).where('purchase_order_id', '=', l.purchase_order_id).where('line_no', '=', l.line_no).execute();
    }
  }
  if (status !== order.status) {
    await trx.updateTable('purchase_order').set({ status, updated_at: now }).where('id', '=', order.id).execute();
    if (status === 'RECEIVED' && record.status !== 'CANCELLED' && merged.some((l) => l.quantity > l.received_quantity)) {
      await trx
        .insertInto('purchase_order_workflow')
        .values({ purchase_order_id: order.id, next_step: 'CLOSE_REMAINDER', attempts: 0, last_error: null, next_attempt_at: now, updated_at: now })
        .onConflict((oc) => oc.column('purchase_order_id').doUpdateSet({ next_step: 'CLOSE_REMAINDER', attempts: 0, next_attempt_at: now, updated_at: now }))
        .execute();
    }
  }
}
