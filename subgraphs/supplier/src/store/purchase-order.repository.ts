// Reads and writes the purchase-order headers: batch lookups, filtered pages (soonest expected first), upserts.
import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { Executor } from '@retail-hub/platform';
import { inChunks } from './in-chunks.js';
import { restrictTo, type SupplierScope } from './supplier-scope.js';
import type { PurchaseOrderTable, SupplierDatabase } from './supplier-tables.js';

export type PurchaseOrderRow = Selectable<PurchaseOrderTable>;

/** What the ERP's purchasing feed says about an order; the hub's own lifecycle columns are not part of it. */
export type ErpPurchaseOrderRow = Omit<PurchaseOrderRow, 'managed_by' | 'requested_date' | 'sent_at' | 'confirmed_at' | 'cancel_reason'>;

export interface PurchaseOrderQuery {
  supplierId?: string;
  locationId?: string;
  status?: string;
  /** YYYY-MM-DD; orders expected strictly before it. */
  expectedBefore?: string;
}

/** Where the previous page ended, in list order. */
export interface PurchaseOrderPosition {
  expectedDate: string;
  id: string;
}

export class PurchaseOrderRepository {
  constructor(private readonly db: Kysely<SupplierDatabase>) {}

  findByIds(scope: SupplierScope, ids: readonly string[]): Promise<PurchaseOrderRow[]> {
    return inChunks(ids, (part) => this.db.selectFrom('purchase_order').selectAll().where('id', 'in', part).$call(restrictTo(scope, 'purchase_order.supplier_id')).execute());
  }

  page(scope: SupplierScope, query: PurchaseOrderQuery, after: PurchaseOrderPosition | null, limit: number): Promise<PurchaseOrderRow[]> {
    return this.filtered(scope, query)
      .selectAll()
      .$if(after !== null, (q) => q.where((eb) => afterPosition(eb, after!)))
      .orderBy('expected_date')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  async count(scope: SupplierScope, query: PurchaseOrderQuery): Promise<number> {
    const row = await this.filtered(scope, query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The first `limit` matching orders after `after` of each supplier, in one query (a window per supplier). */
  async firstPerSupplier(scope: SupplierScope, supplierIds: readonly string[], query: PurchaseOrderQuery, after: PurchaseOrderPosition | null, limit: number): Promise<PurchaseOrderRow[]> {
    if (supplierIds.length === 0) return [];
    const ranked = this.filtered(scope, query)
      .selectAll()
      .select(sql<number>`row_number() over (partition by supplier_id order by expected_date, id)`.as('rank'))
      .where('supplier_id', 'in', [...supplierIds])
      .$if(after !== null, (q) => q.where((eb) => afterPosition(eb, after!)));
    const rows = await this.db
      .selectFrom(ranked.as('ranked'))
      .selectAll()
      .where('rank', '<=', limit)
      .orderBy('supplier_id')
      .orderBy('expected_date')
      .orderBy('id')
      .execute();
    return rows.map(({ rank: _rank, ...row }) => row as PurchaseOrderRow);
  }

  async countPerSupplier(scope: SupplierScope, supplierIds: readonly string[], query: PurchaseOrderQuery): Promise<Map<string, number>> {
    if (supplierIds.length === 0) return new Map();
    const rows = await this.filtered(scope, query)
      .select(['supplier_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('supplier_id', 'in', [...supplierIds])
      .groupBy('supplier_id')
      .execute();
    return new Map(rows.map((r) => [r.supplier_id, Number(r.n)]));
  }

  /** Writes orders read from the ERP (origin ERP); orders the hub raised are merged by the sync instead. */
  async upsert(trx: Executor<SupplierDatabase>, rows: ErpPurchaseOrderRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto('purchase_order')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            supplier_id: eb.ref('excluded.supplier_id'),
            location_id: eb.ref('excluded.location_id'),
            status: eb.ref('excluded.status'),
            expected_date: eb.ref('excluded.expected_date'),
            currency: eb.ref('excluded.currency'),
            total_cent_amount: eb.ref('excluded.total_cent_amount'),
            created_at: eb.ref('excluded.created_at'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }

  private filtered(scope: SupplierScope, query: PurchaseOrderQuery) {
    let q = this.db.selectFrom('purchase_order').$call(restrictTo(scope, 'purchase_order.supplier_id'));
    if (query.supplierId !== undefined) q = q.where('supplier_id', '=', query.supplierId);
    if (query.locationId !== undefined) q = q.where('location_id', '=', query.locationId);
    if (query.status !== undefined) q = q.where('status', '=', query.status);
    if (query.expectedBefore !== undefined) q = q.where('expected_date', '<', query.expectedBefore);
    return q;
  }
}

function afterPosition(eb: ExpressionBuilder<SupplierDatabase, 'purchase_order'>, after: PurchaseOrderPosition) {
  return eb.or([eb('expected_date', '>', after.expectedDate), eb.and([eb('expected_date', '=', after.expectedDate), eb('id', '>', after.id)])]);
}
