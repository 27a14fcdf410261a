// Sends approved orders to the ERP (and, once the ERP has them, to the supplier's webhooks), and closes ERP remainders, retrying an ERP that is down.
import { RetryingDispatcher, type DispatchQueue, type FailedItem, type QueuedItem, type SendFailure } from '@retail-hub/platform';
import { ErpRejectedError, type PurchaseOrderRecord } from '@retail-hub/erp';
import type { Transaction } from 'kysely';
import { purchaseOrderCancelledEvent } from '../../events/purchase-order-cancelled.event.js';
import { purchaseOrderSentEvent } from '../../events/purchase-order-sent.event.js';
import { purchaseOrderSnapshot, type PurchaseOrderSnapshot } from '../../events/purchase-order-snapshot.js';
import type { LockedOrder, WorkflowRow } from '../../store/purchase-order-lifecycle.repository.js';
import type { SupplierDatabase } from '../../store/supplier-tables.js';
import { SUPPLIER_AUDIENCE, type PurchasingDeps } from './purchasing-deps.js';

interface Work extends QueuedItem {
  step: string;
}

export interface ErpOrderSenderOptions {
  /** @default 250 */
  pollIntervalMs?: number;
}

/**
 * An order is SENT once the ERP has it: its inbound then counts the order, and the supplier is told in the same
 * transaction (its webhook message is queued there and delivered by the platform's webhooks, with their own
 * retries). An ERP that is down is retried without end: the circuit breaker probes it and the backlog drains at a
 * paced rate when it is back. An ERP that refuses an order (an unknown supplier or item) cancels it.
 */
export class ErpOrderSender {
  readonly dispatcher: RetryingDispatcher<Work, PurchaseOrderRecord>;

  constructor(private readonly deps: PurchasingDeps, options: ErpOrderSenderOptions = {}) {
    const queue: DispatchQueue<Work, PurchaseOrderRecord> = {
      due: async (now, limit) => (await deps.lifecycle.dueWork(now.toISOString(), limit)).map(toWork),
      delivered: (items, results) => this.delivered(items, results),
      failed: (failures, now) => this.failed(failures, now),
    };
    this.dispatcher = new RetryingDispatcher<Work, PurchaseOrderRecord>({
      name: 'erp-purchase-orders',
      queue,
      send: (items) => this.send(items),
      probe: () => deps.purchasing.getSuppliers([]),
      classify,
      clock: deps.clock,
      logger: deps.logger,
      // An outage is waited out however long it lasts; only a refusal ends an order.
      maxAttempts: 1_000_000,
      backoff: { baseMs: 500, capMs: 30_000 },
      batchSize: 50,
      pollIntervalMs: options.pollIntervalMs ?? 250,
    });
  }

  start(): void {
    this.dispatcher.start();
  }

  stop(): Promise<void> {
    return this.dispatcher.stop();
  }

  kick(): void {
    this.dispatcher.kick();
  }

  /** Sends what is due now, for at most `timeoutMs` (a buyer's approval waits this long to answer with SENT). */
  async drain(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.dispatcher.drain().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  private async send(items: Work[]): Promise<PurchaseOrderRecord[]> {
    const { purchasing, lifecycle } = this.deps;
    const orders = new Map((await lifecycle.read(items.map((i) => i.id))).map((o) => [o.order.id, o]));
    if (items[0]!.step === 'CLOSE_REMAINDER') return purchasing.cancelPurchaseOrders(items.map((i) => i.id));
    return purchasing.createPurchaseOrders(
      items.map((i) => {
        const { order, lines } = orders.get(i.id)!;
        return {
          id: order.id,
          supplierId: order.supplier_id,
          locationId: order.location_id,
          expectedDate: order.requested_date ?? order.expected_date,
          currency: order.currency,
          lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitCostCentAmount: l.unit_cost_cent_amount })),
        };
      }),
    );
  }

  private async delivered(items: Work[], results: PurchaseOrderRecord[]): Promise<void> {
    const { deps } = this;
    const now = deps.clock.now().toISOString();
    let queuedWebhooks = false;
    await deps.events.transaction(deps.db, async (trx, emit) => {
      for (const [i, item] of items.entries()) {
        const locked = await deps.lifecycle.lock(trx, item.id, { supplierId: null });
        if (!locked) continue;
        if (item.step === 'CLOSE_REMAINDER') {
          await deps.lifecycle.setWorkflow(trx, item.id, 'DONE', now);
          await deps.positions.apply(trx, locked.lines.map((l) => ({ sku: l.sku, locationId: locked.order.location_id, inbound: -(l.quantity - l.received_quantity) })), now);
          continue;
        }
        if (locked.order.status === 'CANCELLED') {
          // Cancelled while the ERP call was in flight: the ERP has it now, so it is cancelled there too.
          await deps.lifecycle.setWorkflow(trx, item.id, 'CLOSE_REMAINDER', now);
          continue;
        }
        if (locked.order.status !== 'APPROVED') {
          await deps.lifecycle.setWorkflow(trx, item.id, 'DONE', now);
          continue;
        }
        await deps.lifecycle.updateOrder(trx, item.id, { status: 'SENT', sent_at: now, updated_at: now });
        await deps.lifecycle.setWorkflow(trx, item.id, 'DONE', now);
        await deps.positions.apply(trx, locked.lines.map((l) => ({ sku: l.sku, locationId: locked.order.location_id, inbound: l.quantity })), now);
        const snapshot = purchaseOrderSnapshot({ ...locked.order, status: 'SENT', sent_at: now, updated_at: now }, locked.lines, 'APPROVED', now);
        const event = purchaseOrderSentEvent(snapshot, results[i]!.documentNo);
        emit(event);
        queuedWebhooks = (await notifySupplier(deps, trx, locked, event.type, event.data)) || queuedWebhooks;
      }
    });
    if (queuedWebhooks) deps.webhooks.kick();
  }

  private async failed(failures: FailedItem<Work>[], now: Date): Promise<void> {
    const { deps } = this;
    const at = now.toISOString();
    for (const f of failures) {
      await deps.lifecycle.workFailed(f.item.id, f.item.step, f.attempts, f.error, f.retryAt?.toISOString() ?? null, at);
      if (f.retryAt || f.item.step !== 'SEND_TO_ERP') continue;
      // The ERP refused the order: it cannot be placed as it is. Cancel it and give its proposals back.
      await deps.events.transaction(deps.db, async (trx, emit) => {
        const locked = await deps.lifecycle.lock(trx, f.item.id, { supplierId: null });
        if (!locked || locked.order.status !== 'APPROVED') return;
        const reason = `ERP_REFUSED: ${f.error}`;
        await deps.lifecycle.updateOrder(trx, f.item.id, { status: 'CANCELLED', cancel_reason: reason, updated_at: at });
        await deps.proposals.release(trx, [f.item.id]);
        emit(purchaseOrderCancelledEvent(purchaseOrderSnapshot({ ...locked.order, status: 'CANCELLED', updated_at: at }, locked.lines, 'APPROVED', at), reason));
      });
    }
  }
}

/** Queues the supplier's copy of an event on each of its webhook endpoints; returns whether there was any. */
export async function notifySupplier(deps: PurchasingDeps, trx: Transaction<SupplierDatabase>, locked: LockedOrder, type: string, data: PurchaseOrderSnapshot): Promise<boolean> {
  const endpoints = await deps.webhooks.endpoints({ audience: SUPPLIER_AUDIENCE, audienceKeys: [locked.order.supplier_id] }, trx);
  if (endpoints.length === 0) return false;
  await deps.webhooks.enqueue(
    trx,
    endpoints.map((e) => ({ endpointId: e.id, eventType: type, payload: { type, subject: locked.order.id, time: data.occurredAt, data } })),
  );
  return true;
}

function toWork(row: WorkflowRow): Work {
  return { id: row.purchase_order_id, attempts: row.attempts, step: row.next_step };
}

/** The ERP names what it refused (`drafts.3.supplierId`, `ids.0`): that order is refused for good, the rest go again. */
function classify(error: unknown): SendFailure {
  if (error instanceof ErpRejectedError) {
    const index = /^(?:drafts|ids)\.(\d+)/.exec(error.field ?? '')?.[1];
    if (index !== undefined) return { kind: 'rejected', index: Number(index), message: error.message };
  }
  return { kind: 'transient' };
}
