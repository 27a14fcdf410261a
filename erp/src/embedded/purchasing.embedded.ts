// Purchasing over the embedded ERP's vendor, vendor_item and purchase_order tables; POs move inbound and on-hand stock.
import type { Kysely, Selectable, Transaction } from 'kysely';
import { ErpRejectedError, type ChangePage } from '../ports/change-page.js';
import type {
  ErpPurchaseOrderStatus,
  PurchaseOrderDraft,
  PurchaseOrderRecord,
  PurchaseReceipt,
  PurchasingPort,
  SupplierItemRecord,
  SupplierRecord,
} from '../ports/purchasing.port.js';
import { parseCursor, reserveSeq } from './change-counter.js';
import { chunk } from './chunk.js';
import type { ErpDatabase, PurchaseOrderTable, VendorTable } from './erp-schema.js';
import type { EmbeddedStockLedger } from './stock-ledger.embedded.js';
import type { Xref } from './xref.js';

export class EmbeddedPurchasing implements PurchasingPort {
  constructor(private readonly db: Kysely<ErpDatabase>, private readonly xref: Xref, private readonly stock: EmbeddedStockLedger) {}

  async getSuppliers(ids: readonly string[]): Promise<(SupplierRecord | null)[]> {
    const codes = ids.map((id) => this.xref.erpId('supplier', id)).filter((c): c is string => Boolean(c));
    const byCode = new Map<string, SupplierRecord>();
    for (const part of chunk([...new Set(codes)])) {
      for (const row of await this.db.selectFrom('vendor').selectAll().where('code', 'in', part).execute()) byCode.set(row.code, await this.toSupplier(row));
    }
    return ids.map((id) => byCode.get(this.xref.erpId('supplier', id) ?? '') ?? null);
  }

  async supplierChanges(after: string | null, limit: number): Promise<ChangePage<SupplierRecord>> {
    const rows = await this.db.selectFrom('vendor').selectAll().where('seq', '>', parseCursor(after)).orderBy('seq').limit(limit + 1).execute();
    return this.page(rows, limit, after, (r) => this.toSupplier(r));
  }

  async supplierItemChanges(after: string | null, limit: number): Promise<ChangePage<SupplierItemRecord>> {
    const rows = await this.db.selectFrom('vendor_item').selectAll().where('seq', '>', parseCursor(after)).orderBy('seq').limit(limit + 1).execute();
    return this.page(rows, limit, after, async (r) => ({
      supplierId: await this.xref.hubId('supplier', r.vendor_code),
      sku: await this.xref.hubId('item', r.item_no),
      unitCostCentAmount: r.unit_cost,
      currency: r.currency,
      packSize: r.pack_size,
      minOrderQty: r.moq,
      leadTimeDays: r.lead_time_days,
      weeklyCapacity: r.weekly_capacity,
      primary: r.is_primary === 1,
      updatedAt: r.updated_at,
    }));
  }

  async purchaseOrderChanges(after: string | null, limit: number): Promise<ChangePage<PurchaseOrderRecord>> {
    const rows = await this.db.selectFrom('purchase_order').selectAll().where('seq', '>', parseCursor(after)).orderBy('seq').limit(limit + 1).execute();
    return this.page(rows, limit, after, (r) => this.toPurchaseOrder(this.db, r));
  }

  async createPurchaseOrders(drafts: readonly PurchaseOrderDraft[]): Promise<PurchaseOrderRecord[]> {
    return this.db.transaction().execute(async (trx) => {
      const out: PurchaseOrderRecord[] = [];
      for (const [i, draft] of drafts.entries()) {
        const existing = await trx.selectFrom('purchase_order').selectAll().where('hub_ref', '=', draft.id).executeTakeFirst();
        if (existing) {
          out.push(await this.toPurchaseOrder(trx, existing));
          continue;
        }
        const vendor = this.xref.erpId('supplier', draft.supplierId);
        if (!vendor) throw new ErpRejectedError(`unknown supplier ${draft.supplierId}`, `drafts.${i}.supplierId`);
        const wh = this.xref.erpId('location', draft.locationId);
        if (!wh) throw new ErpRejectedError(`unknown location ${draft.locationId}`, `drafts.${i}.locationId`);
        const seq = await reserveSeq(trx);
        const now = new Date().toISOString();
        const documentNo = `PO-ERP-${String(seq).padStart(8, '0')}`;
        await trx
          .insertInto('purchase_order')
          .values({ document_no: documentNo, hub_ref: draft.id, vendor_code: vendor, wh_code: wh, status: 'OPEN', expected_date: draft.expectedDate, currency: draft.currency, created_at: now, updated_at: now, seq })
          .execute();
        for (const [j, line] of draft.lines.entries()) {
          const itemNo = this.xref.erpId('item', line.sku);
          if (!itemNo) throw new ErpRejectedError(`unknown item ${line.sku}`, `drafts.${i}.lines.${j}.sku`);
          await trx.insertInto('purchase_order_line').values({ document_no: documentNo, line_no: j + 1, item_no: itemNo, quantity: line.quantity, unit_cost: line.unitCostCentAmount, received_qty: 0 }).execute();
          await this.bumpOnOrder(trx, itemNo, wh, line.quantity);
        }
        out.push(await this.toPurchaseOrder(trx, await trx.selectFrom('purchase_order').selectAll().where('document_no', '=', documentNo).executeTakeFirstOrThrow()));
      }
      return out;
    });
  }

  async receivePurchaseOrders(receipts: readonly PurchaseReceipt[]): Promise<PurchaseOrderRecord[]> {
    return this.db.transaction().execute(async (trx) => {
      const out: PurchaseOrderRecord[] = [];
      for (const [i, receipt] of receipts.entries()) {
        const po = await trx.selectFrom('purchase_order').selectAll().where('hub_ref', '=', receipt.purchaseOrderId).executeTakeFirst();
        if (!po) throw new ErpRejectedError(`unknown purchase order ${receipt.purchaseOrderId}`, `receipts.${i}.purchaseOrderId`);
        if (po.status === 'CANCELLED') throw new ErpRejectedError(`purchase order ${receipt.purchaseOrderId} is cancelled`, `receipts.${i}.purchaseOrderId`);
        const locationId = await this.xref.hubId('location', po.wh_code);
        for (const [j, line] of receipt.lines.entries()) {
          const itemNo = this.xref.erpId('item', line.sku);
          const poLine = itemNo && (await trx.selectFrom('purchase_order_line').selectAll().where('document_no', '=', po.document_no).where('item_no', '=', itemNo).executeTakeFirst());
          if (!poLine) throw new ErpRejectedError(`${line.sku} is not on purchase order ${receipt.purchaseOrderId}`, `receipts.${i}.lines.${j}.sku`);
          const moveRef = `${receipt.receiptId}:${line.sku}`;
          const already = await trx.selectFrom('stock_move').select('id').where('move_ref', '=', moveRef).executeTakeFirst();
          if (already) continue;
          if (poLine.received_qty + line.quantity > poLine.quantity) {
            throw new ErpRejectedError(`receiving ${line.quantity} would exceed the ${poLine.quantity} ordered (${poLine.received_qty} received)`, `receipts.${i}.lines.${j}.quantity`);
          }
          await trx.updateTable('purchase_order_line').set({ received_qty: poLine.received_qty + line.quantity }).where('document_no', '=', po.document_no).where('line_no', '=', poLine.line_no).execute();
          await this.stock.applyMove(trx, moveRef, line.sku, locationId, line.quantity, 'RECEIPT', po.document_no, `receipts.${i}.lines.${j}`, -line.quantity);
        }
        const lines = await trx.selectFrom('purchase_order_line').selectAll().where('document_no', '=', po.document_no).execute();
        const status: ErpPurchaseOrderStatus = lines.every((l) => l.received_qty >= l.quantity) ? 'RECEIVED' : lines.some((l) => l.received_qty > 0) ? 'PARTIALLY_RECEIVED' : 'OPEN';
        out.push(await this.touch(trx, po, status));
      }
      return out;
    });
  }

  async cancelPurchaseOrders(ids: readonly string[]): Promise<PurchaseOrderRecord[]> {
    return this.db.transaction().execute(async (trx) => {
      const out: PurchaseOrderRecord[] = [];
      for (const [i, id] of ids.entries()) {
        const po = await trx.selectFrom('purchase_order').selectAll().where('hub_ref', '=', id).executeTakeFirst();
        if (!po) throw new ErpRejectedError(`unknown purchase order ${id}`, `ids.${i}`);
        if (po.status === 'CANCELLED') {
          out.push(await this.toPurchaseOrder(trx, po));
          continue;
        }
        if (po.status === 'RECEIVED') throw new ErpRejectedError(`purchase order ${id} is already received`, `ids.${i}`);
        // What was ordered and not received is no longer coming.
        for (const line of await trx.selectFrom('purchase_order_line').selectAll().where('document_no', '=', po.document_no).execute()) {
          await this.bumpOnOrder(trx, line.item_no, po.wh_code, -(line.quantity - line.received_qty));
        }
        out.push(await this.touch(trx, po, 'CANCELLED'));
      }
      return out;
    });
  }

  private async bumpOnOrder(trx: Transaction<ErpDatabase>, itemNo: string, wh: string, delta: number): Promise<void> {
    const seq = await reserveSeq(trx);
    const now = new Date().toISOString();
    const updated = await trx
      .updateTable('stock')
      .set((eb) => ({ on_order: eb('on_order', '+', delta), seq, updated_at: now }))
      .where('item_no', '=', itemNo)
      .where('wh_code', '=', wh)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await trx.insertInto('stock').values({ item_no: itemNo, wh_code: wh, on_hand: 0, on_order: Math.max(0, delta), seq, updated_at: now }).execute();
    }
  }

  private async touch(trx: Transaction<ErpDatabase>, po: Selectable<PurchaseOrderTable>, status: ErpPurchaseOrderStatus): Promise<PurchaseOrderRecord> {
    const seq = await reserveSeq(trx);
    await trx.updateTable('purchase_order').set({ status, seq, updated_at: new Date().toISOString() }).where('document_no', '=', po.document_no).execute();
    return this.toPurchaseOrder(trx, await trx.selectFrom('purchase_order').selectAll().where('document_no', '=', po.document_no).executeTakeFirstOrThrow());
  }

  private async toPurchaseOrder(db: Kysely<ErpDatabase> | Transaction<ErpDatabase>, po: Selectable<PurchaseOrderTable>): Promise<PurchaseOrderRecord> {
    const lines = await db.selectFrom('purchase_order_line').selectAll().where('document_no', '=', po.document_no).orderBy('line_no').execute();
    return {
      id: po.hub_ref,
      documentNo: po.document_no,
      supplierId: await this.xref.hubId('supplier', po.vendor_code),
      locationId: await this.xref.hubId('location', po.wh_code),
      status: po.status as ErpPurchaseOrderStatus,
      expectedDate: po.expected_date,
      currency: po.currency,
      lines: await Promise.all(lines.map(async (l) => ({ sku: await this.xref.hubId('item', l.item_no), quantity: l.quantity, unitCostCentAmount: l.unit_cost, receivedQuantity: l.received_qty }))),
      createdAt: po.created_at,
      updatedAt: po.updated_at,
    };
  }

  private async toSupplier(row: Selectable<VendorTable>): Promise<SupplierRecord> {
    return { id: await this.xref.hubId('supplier', row.code), name: row.name, email: row.email, currency: row.currency, active: row.active === 1, updatedAt: row.updated_at };
  }

  private async page<R, T>(rows: (R & { seq: number })[], limit: number, after: string | null, map: (r: R) => Promise<T>): Promise<ChangePage<T>> {
    const page = rows.slice(0, limit);
    const records: T[] = [];
    for (const row of page) records.push(await map(row));
    return { records, cursor: String(page.at(-1)?.seq ?? parseCursor(after)), hasMore: rows.length > limit };
  }
}
