// The journal of adjustments this hub booked in the ERP, keyed by adjustment id (what makes a retry idempotent).
import type { Kysely, Selectable } from 'kysely';
import type { Executor } from '@retail-hub/platform';
import type { InventoryDatabase, StockAdjustmentTable } from './inventory-tables.js';

export type StockAdjustmentRow = Selectable<StockAdjustmentTable>;

export class StockAdjustmentRepository {
  constructor(private readonly db: Kysely<InventoryDatabase>) {}

  find(adjustmentId: string): Promise<StockAdjustmentRow | undefined> {
    return this.db.selectFrom('stock_adjustment').selectAll().where('adjustment_id', '=', adjustmentId).executeTakeFirst();
  }

  /** Records a booked adjustment; a second record of the same id is a retry and changes nothing. */
  async record(trx: Executor<InventoryDatabase>, row: StockAdjustmentRow): Promise<void> {
    await trx.insertInto('stock_adjustment').values(row).onConflict((oc) => oc.column('adjustment_id').doNothing()).execute();
  }
}
