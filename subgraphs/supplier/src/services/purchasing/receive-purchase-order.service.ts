// receivePurchaseOrder: the warehouse books goods in; the ERP raises on-hand and lowers inbound, and inventory is told by event.
import { randomBytes } from 'node:crypto';
import { badUserInput, erpUnavailable, type Claims } from '@retail-hub/platform';
import { ErpRejectedError, ErpUnavailableError } from '@retail-hub/erp';
import { purchaseOrderReceivedEvent } from '../../events/purchase-order-received.event.js';
import { purchaseOrderSnapshot } from '../../events/purchase-order-snapshot.js';
import { checkId, checkLines, orderNotFound, requireRetailer, requireScope, reusedId, wrongStatus } from './lifecycle-input.js';
import { RECEIVABLE, statusAfterReceipt, type PurchaseOrderStatus } from './purchase-order-status.js';
import type { PurchasingDeps } from './purchasing-deps.js';

export interface ReceivePurchaseOrderInput {
  purchaseOrderId: string;
  receiptId?: string | null;
  lines: { sku: string; quantity: number }[];
}

const INTERNAL = { supplierId: null };

/**
 * The ERP books the receipt first (it is the authority for stock; the receipt id makes a retry book once), then
 * the hub records the ERP's received quantities, moves its own stock projection and emits
 * supplier.purchase_order.received.v1. Inventory answers that event by reading those positions from the ERP (see
 * docs/replenishment.md): on-hand rises once, whether the event or inventory's ERP sync gets there first.
 * When the last confirmed unit arrives on an order confirmed short, the ERP's unconfirmed remainder is cancelled,
 * so its inbound does not wait for goods that will never come.
 */
export class ReceivePurchaseOrderService {
  constructor(private readonly deps: PurchasingDeps) {}

  async receive(claims: Claims, input: ReceivePurchaseOrderInput): Promise<string> {
    requireRetailer(claims, 'receivePurchaseOrder');
    requireScope(claims, 'purchasing:write', 'receivePurchaseOrder');
    const { deps } = this;
    const receiptId = checkId(input.receiptId, 'input.receiptId') ?? `RCPT-${randomBytes(8).toString('hex')}`;
    if (input.lines.length === 0) throw badUserInput('input.lines', 'list at least one line');
    const lines = input.lines.map(({ sku, quantity }) => ({ sku, quantity }));

    const [current] = await deps.lifecycle.read([input.purchaseOrderId]);
    if (!current) throw orderNotFound('input.purchaseOrderId', input.purchaseOrderId);
    const booked = await deps.lifecycle.findReceipt(receiptId);
    if (booked) {
      if (booked.purchase_order_id !== current.order.id || booked.lines !== JSON.stringify(lines)) throw reusedId('input.receiptId', receiptId);
      return current.order.id;
    }
    if (!RECEIVABLE.includes(current.order.status as PurchaseOrderStatus)) throw wrongStatus('input.purchaseOrderId', current, 'received');
    for (const { input: l, line, index } of checkLines(lines, current, 1)) {
      const open = line.quantity - line.received_quantity;
      if (l.quantity > open) throw badUserInput(`input.lines.${index}.quantity`, `receiving ${l.quantity} would exceed the ${line.quantity} ordered (${line.received_quantity} received)`);
    }

    const record = await callErp(() => deps.purchasing.receivePurchaseOrders([{ receiptId, purchaseOrderId: current.order.id, lines }]), 'receipts.0.');
    const received = new Map(record[0]!.lines.map((l) => [l.sku, l.receivedQuantity]));
    const after = current.lines.map((l) => ({ ...l, received_quantity: received.get(l.sku) ?? l.received_quantity }));
    const status = statusAfterReceipt(after.map((l) => ({ quantity: l.quantity, confirmedQuantity: l.confirmed_quantity, receivedQuantity: l.received_quantity })));
    const remainder = status === 'RECEIVED' ? after.filter((l) => l.quantity > l.received_quantity) : [];
    let remainderClosed = remainder.length === 0;
    if (!remainderClosed) {
      remainderClosed = await deps.purchasing.cancelPurchaseOrders([current.order.id]).then(
        () => true,
        (error) => (deps.logger.warn({ err: error, purchaseOrderId: current.order.id }, 'closing the unconfirmed remainder in the ERP failed; queued'), false),
      );
    }

    const now = deps.clock.now().toISOString();
    await deps.events.transaction(deps.db, async (trx, emit) => {
      const locked = (await deps.lifecycle.lock(trx, current.order.id, INTERNAL))!;
      // Received quantities only grow: of two receipts committing out of order, the later ERP answer wins.
      const merged = locked.lines.map((l) => ({ ...l, received_quantity: Math.max(l.received_quantity, received.get(l.sku) ?? 0) }));
      const finalStatus = statusAfterReceipt(merged.map((l) => ({ quantity: l.quantity, confirmedQuantity: l.confirmed_quantity, receivedQuantity: l.received_quantity })));
      for (const l of merged) await deps.lifecycle.updateLine(trx, locked.order.id, l.line_no, { received_quantity: l.received_quantity });
      await deps.lifecycle.updateOrder(trx, locked.order.id, { status: finalStatus, updated_at: now, managed_by: 'HUB' });
      await deps.lifecycle.insertReceipt(trx, { receipt_id: receiptId, purchase_order_id: locked.order.id, lines: JSON.stringify(lines), received_by: claims.sub, received_at: now });
      if (!remainderClosed) await deps.lifecycle.setWorkflow(trx, locked.order.id, 'CLOSE_REMAINDER', now);
      const location = locked.order.location_id;
      await deps.positions.apply(
        trx,
        [
          ...lines.map((l) => ({ sku: l.sku, locationId: location, onHand: l.quantity, inbound: -l.quantity })),
          ...(remainderClosed ? remainder.map((l) => ({ sku: l.sku, locationId: location, inbound: -(l.quantity - l.received_quantity) })) : []),
        ],
        now,
      );
      emit(purchaseOrderReceivedEvent(purchaseOrderSnapshot({ ...locked.order, status: finalStatus, updated_at: now }, merged, locked.order.status, now), { receiptId, lines }));
    });
    return current.order.id;
  }
}

/** ERP down: ERP_UNAVAILABLE and nothing recorded. ERP refusal of a field: bad input naming it. */
export async function callErp<T>(call: () => Promise<T>, fieldPrefix: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ErpUnavailableError) throw erpUnavailable('The ERP is unavailable; nothing was booked. Try again later with the same id.');
    if (error instanceof ErpRejectedError) throw badUserInput(`input.${(error.field ?? '').replace(fieldPrefix, '') || 'purchaseOrderId'}`, `the ERP refused it: ${error.message}`);
    throw error;
  }
}

