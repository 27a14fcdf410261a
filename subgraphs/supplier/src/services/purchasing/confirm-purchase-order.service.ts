// confirmPurchaseOrder: the supplier says what it will deliver and when, line by line (unlisted lines as ordered).
import { randomBytes } from 'node:crypto';
import { badUserInput, type Claims } from '@retail-hub/platform';
import { purchaseOrderConfirmedEvent } from '../../events/purchase-order-confirmed.event.js';
import { purchaseOrderSnapshot } from '../../events/purchase-order-snapshot.js';
import { callerScope } from '../caller-scope.js';
import { dayIndexOf } from '../planning/day-index.js';
import { isoDay } from '../purchase-order-query.js';
import { checkLines, orderNotFound, requireScope, wrongStatus } from './lifecycle-input.js';
import { CONFIRMABLE, statusAfterConfirmation, type PurchaseOrderStatus } from './purchase-order-status.js';
import type { PurchasingDeps } from './purchasing-deps.js';

export interface ConfirmPurchaseOrderInput {
  purchaseOrderId: string;
  /** Lines confirmed otherwise than ordered; a line not listed is confirmed as ordered, on the order's date. */
  lines?: { sku: string; quantity: number; deliveryDate?: string | null }[] | null;
}

/**
 * As in an EDI order response, the supplier lists only the lines it changes. It may confirm again (a revised
 * confirmation) until goods arrive; confirming exactly what is already confirmed changes nothing and emits nothing.
 * The ERP has no confirmation step, so nothing is sent to it: the hub keeps the confirmed quantities and dates.
 */
export class ConfirmPurchaseOrderService {
  constructor(private readonly deps: PurchasingDeps) {}

  async confirm(claims: Claims, input: ConfirmPurchaseOrderInput): Promise<string> {
    requireScope(claims, ['purchasing:confirm', 'purchasing:write'], 'confirmPurchaseOrder');
    const { deps } = this;
    const today = dayIndexOf(deps.clock.now());
    const changed = (input.lines ?? []).map((l, i) => ({ ...l, deliveryDate: l.deliveryDate != null ? isoDay(l.deliveryDate, `input.lines.${i}.deliveryDate`) : null }));
    changed.forEach((l, i) => {
      if (l.deliveryDate && dayIndexOf(l.deliveryDate) < today) throw badUserInput(`input.lines.${i}.deliveryDate`, 'must not be in the past');
    });
    const now = deps.clock.now().toISOString();
    await deps.events.transaction(deps.db, async (trx, emit) => {
      const locked = await deps.lifecycle.lock(trx, input.purchaseOrderId, callerScope(claims));
      if (!locked) throw orderNotFound('input.purchaseOrderId', input.purchaseOrderId);
      if (!CONFIRMABLE.includes(locked.order.status as PurchaseOrderStatus)) throw wrongStatus('input.purchaseOrderId', locked, 'confirmed');
      const listed = new Map(checkLines(changed, locked, 0).map(({ input: l, line, index }) => {
        if (l.quantity > line.quantity) throw badUserInput(`input.lines.${index}.quantity`, `cannot confirm more than the ${line.quantity} ordered`);
        return [line.line_no, l];
      }));
      const confirmed = locked.lines.map((line) => {
        const change = listed.get(line.line_no);
        return { ...line, confirmed_quantity: change ? change.quantity : line.quantity, confirmed_date: change?.deliveryDate ?? locked.order.requested_date ?? locked.order.expected_date };
      });
      if (confirmed.every((c, i) => c.confirmed_quantity === locked.lines[i]!.confirmed_quantity && c.confirmed_date === locked.lines[i]!.confirmed_date)) return;
      const status = statusAfterConfirmation(confirmed.map((l) => ({ quantity: l.quantity, confirmedQuantity: l.confirmed_quantity, receivedQuantity: l.received_quantity })));
      const coming = confirmed.filter((l) => l.confirmed_quantity > 0).map((l) => l.confirmed_date);
      const expectedDate = coming.length ? coming.sort().at(-1)! : locked.order.expected_date;
      for (const l of confirmed) await deps.lifecycle.updateLine(trx, l.purchase_order_id, l.line_no, { confirmed_quantity: l.confirmed_quantity, confirmed_date: l.confirmed_date });
      await deps.lifecycle.updateOrder(trx, locked.order.id, { status, expected_date: expectedDate, confirmed_at: now, updated_at: now, managed_by: 'HUB' });
      const confirmationId = `CNF-${randomBytes(6).toString('hex')}`;
      await deps.lifecycle.insertConfirmation(trx, {
        id: confirmationId,
        purchase_order_id: locked.order.id,
        lines: JSON.stringify(confirmed.map((l) => ({ sku: l.sku, quantity: l.confirmed_quantity, deliveryDate: l.confirmed_date }))),
        confirmed_by: claims.sub,
        confirmed_at: now,
      });
      const order = { ...locked.order, status, expected_date: expectedDate, confirmed_at: now, updated_at: now };
      emit(purchaseOrderConfirmedEvent(purchaseOrderSnapshot(order, confirmed, locked.order.status, now), confirmationId, claims.sub));
    });
    return input.purchaseOrderId;
  }
}
