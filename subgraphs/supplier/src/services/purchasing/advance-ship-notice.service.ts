// postAdvanceShipNotice: the supplier tells what is on its way and when it should arrive.
import { randomBytes } from 'node:crypto';
import { badUserInput, type Claims } from '@retail-hub/platform';
import { purchaseOrderShippedEvent } from '../../events/purchase-order-shipped.event.js';
import { purchaseOrderSnapshot } from '../../events/purchase-order-snapshot.js';
import { callerScope } from '../caller-scope.js';
import { dayIndexOf } from '../planning/day-index.js';
import { isoDay } from '../purchase-order-query.js';
import { checkId, checkLines, checkText, orderNotFound, requireScope, reusedId, wrongStatus } from './lifecycle-input.js';
import { RECEIVABLE, type PurchaseOrderStatus } from './purchase-order-status.js';
import type { PurchasingDeps } from './purchasing-deps.js';

export interface AdvanceShipNoticeInput {
  purchaseOrderId: string;
  shipNoticeId?: string | null;
  expectedDeliveryDate: string;
  carrier?: string | null;
  trackingNumber?: string | null;
  lines: { sku: string; quantity: number }[];
}

/**
 * Shipped units may not exceed what the supplier confirmed (or, unconfirmed, ordered) less what earlier notices
 * shipped. The order's expected date becomes the notice's: it is the latest word on when goods arrive. The same
 * shipNoticeId posted again is the same notice.
 */
export class AdvanceShipNoticeService {
  constructor(private readonly deps: PurchasingDeps) {}

  async post(claims: Claims, input: AdvanceShipNoticeInput): Promise<string> {
    requireScope(claims, ['purchasing:confirm', 'purchasing:write'], 'postAdvanceShipNotice');
    const { deps } = this;
    const id = checkId(input.shipNoticeId, 'input.shipNoticeId') ?? `ASN-${randomBytes(6).toString('hex')}`;
    const expectedDate = isoDay(input.expectedDeliveryDate, 'input.expectedDeliveryDate');
    if (dayIndexOf(expectedDate) < dayIndexOf(deps.clock.now())) throw badUserInput('input.expectedDeliveryDate', 'must not be in the past');
    const carrier = checkText(input.carrier, 'input.carrier');
    const trackingNumber = checkText(input.trackingNumber, 'input.trackingNumber');
    if (input.lines.length === 0) throw badUserInput('input.lines', 'list at least one line');
    const now = deps.clock.now().toISOString();
    await deps.events.transaction(deps.db, async (trx, emit) => {
      const locked = await deps.lifecycle.lock(trx, input.purchaseOrderId, callerScope(claims));
      if (!locked) throw orderNotFound('input.purchaseOrderId', input.purchaseOrderId);
      const posted = await deps.lifecycle.findShipNotice(id, trx);
      if (posted) {
        if (posted.purchase_order_id !== locked.order.id || posted.lines !== JSON.stringify(input.lines.map(({ sku, quantity }) => ({ sku, quantity })))) throw reusedId('input.shipNoticeId', id);
        return;
      }
      if (!RECEIVABLE.includes(locked.order.status as PurchaseOrderStatus)) throw wrongStatus('input.purchaseOrderId', locked, 'shipped');
      const checked = checkLines(input.lines, locked, 1);
      for (const { input: l, line, index } of checked) {
        const open = (line.confirmed_quantity ?? line.quantity) - line.shipped_quantity;
        if (l.quantity > open) throw badUserInput(`input.lines.${index}.quantity`, `only ${Math.max(0, open)} of ${line.sku} are confirmed and not yet shipped`);
      }
      const lines = locked.lines.map((line) => ({ ...line, shipped_quantity: line.shipped_quantity + (checked.find((c) => c.line.line_no === line.line_no)?.input.quantity ?? 0) }));
      for (const { line } of checked) await deps.lifecycle.updateLine(trx, locked.order.id, line.line_no, { shipped_quantity: lines.find((l) => l.line_no === line.line_no)!.shipped_quantity });
      await deps.lifecycle.updateOrder(trx, locked.order.id, { expected_date: expectedDate, updated_at: now, managed_by: 'HUB' });
      const noticeLines = input.lines.map(({ sku, quantity }) => ({ sku, quantity }));
      await deps.lifecycle.insertShipNotice(trx, { id, purchase_order_id: locked.order.id, lines: JSON.stringify(noticeLines), expected_date: expectedDate, carrier, tracking_number: trackingNumber, posted_by: claims.sub, posted_at: now });
      const order = { ...locked.order, expected_date: expectedDate, updated_at: now };
      emit(purchaseOrderShippedEvent(purchaseOrderSnapshot(order, lines, locked.order.status, now), { id, expectedDate, carrier, trackingNumber, lines: noticeLines }));
    });
    return input.purchaseOrderId;
  }
}
