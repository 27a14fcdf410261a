// Reads and replaces purchase-order lines; an order's lines always come whole from the ERP, so they are replaced, not merged.
import type { Kysely, Selectable } from 'kysely';
import type { Executor } from '@retail-hub/platform';
import { inChunks } from './in-chunks.js';
import { restrictTo, type SupplierScope } from './supplier-scope.js';
import type { PurchaseOrderLineTable, SupplierDatabase } from './supplier-tables.js';

export type PurchaseOrderLineRow = Selectable<PurchaseOrderLineTable>;

/** A line as the ERP's purchasing feed has it. */
export type ErpPurchaseOrderLineRow = Pick<PurchaseOrderLineRow, 'purchase_order_id' | 'line_no' | 'sku' | 'quantity' | 'received_quantity' | 'unit_cost_cent_amount'>;

/** A line as read: lines are in their order's currency, so reads bring it along. */
export type PricedPurchaseOrderLineRow = PurchaseOrderLineRow & { currency: string; status: string };

export class PurchaseOrderLineRepository {
  constructor(private readonly db: Kysely<SupplierDatabase>) {}

  /** Lines of the orders, in line order; lines of orders outside the scope are never returned. */
  findByPurchaseOrderIds(scope: SupplierScope, ids: readonly string[]): Promise<PricedPurchaseOrderLineRow[]> {
    return inChunks(ids, (part) =>
      this.db
        .selectFrom('purchase_order_line')
        .innerJoin('purchase_order', 'purchase_order.id', 'purchase_order_line.purchase_order_id')
        .selectAll('purchase_order_line')
        .select(['purchase_order.currency', 'purchase_order.status'])
        .where('purchase_order_line.purchase_order_id', 'in', part)
        .$call(restrictTo(scope, 'purchase_order.supplier_id'))
        .orderBy('purchase_order_line.purchase_order_id')
        .orderBy('purchase_order_line.line_no')
        .execute(),
    );
  }

  /**
   * Replaces the lines of the given orders. The delete runs even on a first load: an order the ERP
   * changes while the feed is being read comes again on a later page.
   */
  async replace(trx: Executor<SupplierDatabase>, purchaseOrderIds: readonly string[], rows: ErpPurchaseOrderLineRow[]): Promise<void> {
    await inChunks(purchaseOrderIds, async (part) => {
      await trx.deleteFrom('purchase_order_line').where('purchase_order_id', 'in', part).execute();
      return [];
    });
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('purchase_order_line').values(rows.slice(i, i + 500)).execute();
  }
}
