// cancelPurchaseOrder: a buyer calls off what has not arrived; the ERP cancels it first when it has the order.
import type { Claims } from '@retail-hub/platform';
import { purchaseOrderCancelledEvent } from '../../events/purchase-order-cancelled.event.js';
import { purchaseOrderSnapshot } from '../../events/purchase-order-snapshot.js';
import { requirePlanner } from '../runs/replenishment-run.service.js';
import { checkText, orderNotFound, wrongStatus } from './lifecycle-input.js';
import { notifySupplier } from './erp-order-sender.js';
import { CANCELLABLE, type PurchaseOrderStatus } from './purchase-order-status.js';
import type { PurchasingDeps } from './purchasing-deps.js';
import { callErp } from './receive-purchase-order.service.js';

const INTERNAL = { supplierId: null };
/** Statuses in which the ERP already holds the order (its inbound counts it). */
const IN_ERP: readonly string[] = ['SENT', 'CONFIRMED', 'PARTIALLY_CONFIRMED', 'PARTIALLY_RECEIVED'];

/**
 * Cancelling a cancelled order again returns it as it is. An order still waiting to be sent is cancelled in the
 * hub only; if the ERP call was already in flight, the sender cancels it in the ERP when the answer comes back.
 */
export class CancelPurchaseOrderService {
  constructor(private readonly deps: PurchasingDeps) {}

  async cancel(claims: Claims, id: string, reasonInput: string | null | undefined): Promise<string> {
    requirePlanner(claims, 'cancelPurchaseOrder');
    const { deps } = this;
    const reason = checkText(reasonInput, 'reason') ?? 'cancelled by a buyer';
    const [current] = await deps.lifecycle.read([id]);
    if (!current) throw orderNotFound('id', id);
    if (current.order.status === 'CANCELLED') return id;
    if (!CANCELLABLE.includes(current.order.status as PurchaseOrderStatus)) throw wrongStatus('id', current, 'cancelled');
    const inErp = IN_ERP.includes(current.order.status);
    if (inErp) await callErp(() => deps.purchasing.cancelPurchaseOrders([id]), 'ids.0');

    const now = deps.clock.now().toISOString();
    let notified = false;
    await deps.events.transaction(deps.db, async (trx, emit) => {
      const locked = (await deps.lifecycle.lock(trx, id, INTERNAL))!;
      if (locked.order.status === 'CANCELLED') return;
      await deps.lifecycle.updateOrder(trx, id, { status: 'CANCELLED', cancel_reason: reason, updated_at: now, managed_by: 'HUB' });
      await deps.lifecycle.setWorkflow(trx, id, 'DONE', now);
      if (inErp) await deps.positions.apply(trx, locked.lines.map((l) => ({ sku: l.sku, locationId: locked.order.location_id, inbound: -(l.quantity - l.received_quantity) })), now);
      const event = purchaseOrderCancelledEvent(purchaseOrderSnapshot({ ...locked.order, status: 'CANCELLED', updated_at: now }, locked.lines, locked.order.status, now), reason);
      emit(event);
      // The supplier only hears of orders it was sent.
      if (inErp) notified = await notifySupplier(deps, trx, locked, event.type, event.data);
    });
    if (notified) deps.webhooks.kick();
    return id;
  }
}
