// Reads and writes the supplier-item projection (who supplies which SKU on which terms).
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Executor } from '@retail-hub/platform';
import { inChunks } from './in-chunks.js';
import { restrictTo, type SupplierScope } from './supplier-scope.js';
import type { SupplierDatabase, SupplierItemTable } from './supplier-tables.js';

export type SupplierItemRow = Selectable<SupplierItemTable>;

export class SupplierItemRepository {
  constructor(private readonly db: Kysely<SupplierDatabase>) {}

  /** Every supplier of the SKUs, primary first within a SKU. */
  findBySkus(scope: SupplierScope, skus: readonly string[]): Promise<SupplierItemRow[]> {
    return inChunks(skus, (part) =>
      this.db
        .selectFrom('supplier_item')
        .selectAll()
        .where('sku', 'in', part)
        .$call(restrictTo(scope, 'supplier_item.supplier_id'))
        .orderBy('sku')
        .orderBy('is_primary', 'desc')
        .orderBy('supplier_id')
        .execute(),
    );
  }

  /** Every supplier item (a full replenishment run reads them all at once: a few per SKU). */
  all(): Promise<SupplierItemRow[]> {
    return this.db.selectFrom('supplier_item').selectAll().execute();
  }

  /**
   * The first `limit` items after `afterSku` of each supplier, in one query (a window per supplier),
   * so a page of suppliers with their items is not one query per supplier.
   */
  async firstPerSupplier(scope: SupplierScope, supplierIds: readonly string[], afterSku: string | null, limit: number): Promise<SupplierItemRow[]> {
    if (supplierIds.length === 0) return [];
    const ranked = this.db
      .selectFrom('supplier_item')
      .selectAll()
      .select(sql<number>`row_number() over (partition by supplier_id order by sku)`.as('rank'))
      .where('supplier_id', 'in', [...supplierIds])
      .$call(restrictTo(scope, 'supplier_item.supplier_id'))
      .$if(afterSku !== null, (q) => q.where('sku', '>', afterSku!));
    const rows = await this.db.selectFrom(ranked.as('ranked')).selectAll().where('rank', '<=', limit).orderBy('supplier_id').orderBy('sku').execute();
    return rows.map(({ rank: _rank, ...row }) => row as SupplierItemRow);
  }

  async countPerSupplier(scope: SupplierScope, supplierIds: readonly string[]): Promise<Map<string, number>> {
    if (supplierIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('supplier_item')
      .select(['supplier_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('supplier_id', 'in', [...supplierIds])
      .$call(restrictTo(scope, 'supplier_item.supplier_id'))
      .groupBy('supplier_id')
      .execute();
    return new Map(rows.map((r) => [r.supplier_id, Number(r.n)]));
  }

  async upsert(trx: Executor<SupplierDatabase>, rows: SupplierItemRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto('supplier_item')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) =>
          oc.columns(['supplier_id', 'sku']).doUpdateSet((eb) => ({
            unit_cost_cent_amount: eb.ref('excluded.unit_cost_cent_amount'),
            currency: eb.ref('excluded.currency'),
            pack_size: eb.ref('excluded.pack_size'),
            min_order_qty: eb.ref('excluded.min_order_qty'),
            lead_time_days: eb.ref('excluded.lead_time_days'),
            weekly_capacity: eb.ref('excluded.weekly_capacity'),
            is_primary: eb.ref('excluded.is_primary'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }
}
