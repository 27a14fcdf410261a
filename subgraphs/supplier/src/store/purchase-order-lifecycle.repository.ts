// Writes of the purchase orders the hub runs: new orders, their status and lines, confirmations, ship notices, receipts, pending ERP work.
import type { Dialect, Executor } from '@retail-hub/platform';
import type { Insertable, Kysely, Selectable } from 'kysely';
import { inChunks } from './in-chunks.js';
import type { AdvanceShipNoticeTable, PurchaseOrderConfirmationTable, PurchaseOrderReceiptTable, PurchaseOrderWorkflowTable } from './purchase-order-lifecycle-tables.js';
import type { PurchaseOrderLineRow } from './purchase-order-line.repository.js';
import type { PurchaseOrderRow } from './purchase-order.repository.js';
import type { PurchaseOrderLineTable, PurchaseOrderTable, SupplierDatabase } from './supplier-tables.js';
import { restrictTo, type SupplierScope } from './supplier-scope.js';

export type ShipNoticeRow = Selectable<AdvanceShipNoticeTable>;
export type ReceiptRow = Selectable<PurchaseOrderReceiptTable>;
export type WorkflowRow = Selectable<PurchaseOrderWorkflowTable>;

/** Work the hub still owes the ERP for an order. */
export type WorkflowStep = 'SEND_TO_ERP' | 'CLOSE_REMAINDER' | 'DONE' | 'DEAD';

export interface LockedOrder {
  order: PurchaseOrderRow;
  lines: PurchaseOrderLineRow[];
}

export class PurchaseOrderLifecycleRepository {
  constructor(private readonly db: Kysely<SupplierDatabase>, private readonly dialect: Dialect) {}

  async insertOrders(trx: Executor<SupplierDatabase>, orders: Insertable<PurchaseOrderTable>[], lines: Insertable<PurchaseOrderLineTable>[]): Promise<void> {
    for (let i = 0; i < orders.length; i += 200) await trx.insertInto('purchase_order').values(orders.slice(i, i + 200)).execute();
    for (let i = 0; i < lines.length; i += 500) await trx.insertInto('purchase_order_line').values(lines.slice(i, i + 500)).execute();
  }

  /** An order and its lines, read to be changed: locked on PostgreSQL until `trx` ends; null outside the caller's scope. */
  async lock(trx: Executor<SupplierDatabase>, id: string, scope: SupplierScope): Promise<LockedOrder | null> {
    const order = await trx
      .selectFrom('purchase_order')
      .selectAll()
      .where('id', '=', id)
      .$call(restrictTo(scope, 'purchase_order.supplier_id'))
      .$if(this.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!order) return null;
    const lines = await trx.selectFrom('purchase_order_line').selectAll().where('purchase_order_id', '=', id).orderBy('line_no').execute();
    return { order, lines };
  }

  /** Orders with their lines, as they are now. */
  async read(ids: readonly string[], executor: Executor<SupplierDatabase> = this.db): Promise<LockedOrder[]> {
    const orders = await inChunks(ids, (part) => executor.selectFrom('purchase_order').selectAll().where('id', 'in', part).execute());
    const lines = await inChunks(ids, (part) => executor.selectFrom('purchase_order_line').selectAll().where('purchase_order_id', 'in', part).orderBy('line_no').execute());
    return orders.map((order) => ({ order, lines: lines.filter((l) => l.purchase_order_id === order.id) }));
  }

  async updateOrder(trx: Executor<SupplierDatabase>, id: string, changes: Partial<Omit<PurchaseOrderRow, 'id'>>): Promise<void> {
    await trx.updateTable('purchase_order').set(changes).where('id', '=', id).execute();
  }

  async updateLine(trx: Executor<SupplierDatabase>, purchaseOrderId: string, lineNo: number, changes: Partial<Pick<PurchaseOrderLineRow, 'confirmed_quantity' | 'confirmed_date' | 'shipped_quantity' | 'received_quantity'>>): Promise<void> {
    await trx.updateTable('purchase_order_line').set(changes).where('purchase_order_id', '=', purchaseOrderId).where('line_no', '=', lineNo).execute();
  }

  async insertConfirmation(trx: Executor<SupplierDatabase>, row: Selectable<PurchaseOrderConfirmationTable>): Promise<void> {
    await trx.insertInto('purchase_order_confirmation').values(row).execute();
  }

  async findShipNotice(id: string, executor: Executor<SupplierDatabase> = this.db): Promise<ShipNoticeRow | undefined> {
    return executor.selectFrom('advance_ship_notice').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertShipNotice(trx: Executor<SupplierDatabase>, row: ShipNoticeRow): Promise<void> {
    await trx.insertInto('advance_ship_notice').values(row).execute();
  }

  async findReceipt(receiptId: string, executor: Executor<SupplierDatabase> = this.db): Promise<ReceiptRow | undefined> {
    return executor.selectFrom('purchase_order_receipt').selectAll().where('receipt_id', '=', receiptId).executeTakeFirst();
  }

  async insertReceipt(trx: Executor<SupplierDatabase>, row: ReceiptRow): Promise<void> {
    await trx.insertInto('purchase_order_receipt').values(row).execute();
  }

  /** Ship notices and receipts of orders, oldest first (lines of the PurchaseOrder type); never outside the scope. */
  shipNotices(scope: SupplierScope, purchaseOrderIds: readonly string[]): Promise<ShipNoticeRow[]> {
    return inChunks(purchaseOrderIds, (part) =>
      this.db
        .selectFrom('advance_ship_notice')
        .innerJoin('purchase_order', 'purchase_order.id', 'advance_ship_notice.purchase_order_id')
        .selectAll('advance_ship_notice')
        .where('advance_ship_notice.purchase_order_id', 'in', part)
        .$call(restrictTo(scope, 'purchase_order.supplier_id'))
        .orderBy('advance_ship_notice.posted_at')
        .execute(),
    );
  }

  receipts(scope: SupplierScope, purchaseOrderIds: readonly string[]): Promise<ReceiptRow[]> {
    return inChunks(purchaseOrderIds, (part) =>
      this.db
        .selectFrom('purchase_order_receipt')
        .innerJoin('purchase_order', 'purchase_order.id', 'purchase_order_receipt.purchase_order_id')
        .selectAll('purchase_order_receipt')
        .where('purchase_order_receipt.purchase_order_id', 'in', part)
        .$call(restrictTo(scope, 'purchase_order.supplier_id'))
        .orderBy('purchase_order_receipt.received_at')
        .execute(),
    );
  }

  /** Records the next piece of ERP work for an order (due now). */
  async setWorkflow(trx: Executor<SupplierDatabase>, purchaseOrderId: string, step: WorkflowStep, now: string): Promise<void> {
    await trx
      .insertInto('purchase_order_workflow')
      .values({ purchase_order_id: purchaseOrderId, next_step: step, attempts: 0, last_error: null, next_attempt_at: now, updated_at: now })
      .onConflict((oc) => oc.column('purchase_order_id').doUpdateSet({ next_step: step, attempts: 0, last_error: null, next_attempt_at: now, updated_at: now }))
      .execute();
  }

  async workflowOf(purchaseOrderIds: readonly string[], executor: Executor<SupplierDatabase> = this.db): Promise<WorkflowRow[]> {
    return inChunks(purchaseOrderIds, (part) => executor.selectFrom('purchase_order_workflow').selectAll().where('purchase_order_id', 'in', part).execute());
  }

  /** ERP work due now, oldest first, all of one kind (the kind of the oldest), so one ERP call serves the batch. */
  async dueWork(now: string, limit: number): Promise<WorkflowRow[]> {
    const first = await this.db
      .selectFrom('purchase_order_workflow')
      .selectAll()
      .where('next_step', 'in', ['SEND_TO_ERP', 'CLOSE_REMAINDER'])
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(1)
      .executeTakeFirst();
    if (!first) return [];
    return this.db
      .selectFrom('purchase_order_workflow')
      .selectAll()
      .where('next_step', '=', first.next_step)
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('purchase_order_id')
      .limit(limit)
      .execute();
  }

  async workFailed(purchaseOrderId: string, step: string, attempts: number, error: string, retryAt: string | null, now: string): Promise<void> {
    await this.db
      .updateTable('purchase_order_workflow')
      .set({ attempts, last_error: error, next_attempt_at: retryAt ?? now, next_step: retryAt ? step : 'DEAD', updated_at: now })
      .where('purchase_order_id', '=', purchaseOrderId)
      .where('next_step', '=', step)
      .execute();
  }
}
