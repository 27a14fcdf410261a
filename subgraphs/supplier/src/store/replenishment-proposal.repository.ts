// Replenishment proposals: written in bulk by a run (only positions with a need), read a page at a time, claimed by approval.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Dialect, Executor } from '@retail-hub/platform';
import { bulkInsert, type BulkColumn } from './bulk-insert.js';
import { inChunks } from './in-chunks.js';
import type { ReplenishmentProposalTable } from './replenishment-tables.js';
import type { SupplierDatabase } from './supplier-tables.js';

export type ReplenishmentProposalRow = Selectable<ReplenishmentProposalTable>;

export interface ProposalKey {
  runId: string;
  seq: number;
}

export interface ProposalListQuery {
  sku?: string;
  locationId?: string;
  supplierId?: string;
  /** Only proposals carrying this exception bit. */
  exceptionBit?: number;
  status?: string;
}

/** A run's proposals as columns (one entry per proposal), the way the engine produces them. */
export interface ProposalColumns {
  seq: Int32Array;
  sku: string[];
  locationId: string[];
  exceptionMask: Int32Array;
  forecastDaily: Float64Array;
  stdDev: Float64Array;
  leadTimeDemand: Float64Array;
  horizonDemand: Float64Array;
  promotionUplift: Float64Array;
  promotionId: (string | null)[];
  onHand: Int32Array;
  inbound: Int32Array;
  reserved: Int32Array;
  roundedQuantity: Int32Array;
  quantity: Int32Array;
}

export class ReplenishmentProposalRepository {
  constructor(private readonly db: Kysely<SupplierDatabase>, private readonly dialect: Dialect) {}

  /** Writes `count` proposals of a run from columns (one statement per 20,000). */
  async insertColumns(runId: string, c: ProposalColumns, count: number): Promise<void> {
    const columns: BulkColumn[] = [
      { name: 'run_id', type: 'text', value: runId },
      { name: 'seq', type: 'integer', values: c.seq },
      { name: 'sku', type: 'text', values: c.sku },
      { name: 'location_id', type: 'text', values: c.locationId },
      { name: 'status', type: 'text', value: 'PROPOSED' },
      { name: 'exception_mask', type: 'integer', values: c.exceptionMask },
      { name: 'forecast_daily', type: 'real', values: c.forecastDaily },
      { name: 'std_dev', type: 'real', values: c.stdDev },
      { name: 'lead_time_demand', type: 'real', values: c.leadTimeDemand },
      { name: 'horizon_demand', type: 'real', values: c.horizonDemand },
      { name: 'promotion_uplift', type: 'real', values: c.promotionUplift },
      { name: 'promotion_id', type: 'text', values: c.promotionId },
      { name: 'on_hand', type: 'integer', values: c.onHand },
      { name: 'inbound', type: 'integer', values: c.inbound },
      { name: 'reserved', type: 'integer', values: c.reserved },
      { name: 'rounded_quantity', type: 'integer', values: c.roundedQuantity },
      { name: 'quantity', type: 'integer', values: c.quantity },
    ];
    await bulkInsert(this.db, this.dialect, 'replenishment_proposal', columns, count);
  }

  async findByKeys(keys: readonly ProposalKey[], executor: Executor<SupplierDatabase> = this.db): Promise<ReplenishmentProposalRow[]> {
    const byRun = new Map<string, number[]>();
    for (const k of keys) byRun.set(k.runId, [...(byRun.get(k.runId) ?? []), k.seq]);
    const rows: ReplenishmentProposalRow[] = [];
    for (const [runId, seqs] of byRun) {
      rows.push(...(await inChunks(seqs, (part) => executor.selectFrom('replenishment_proposal').selectAll().where('run_id', '=', runId).where('seq', 'in', part).execute())));
    }
    return rows;
  }

  /** A run's proposals in run order (SKU, then location), after `afterSeq`. */
  page(runId: string, query: ProposalListQuery, afterSeq: number | null, limit: number): Promise<ReplenishmentProposalRow[]> {
    return this.filtered(runId, query)
      .selectAll()
      .$if(afterSeq !== null, (q) => q.where('seq', '>', afterSeq!))
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  async count(runId: string, query: ProposalListQuery): Promise<number> {
    const row = await this.filtered(runId, query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Marks a proposal approved into an order, unless someone approved it first; returns whether this call did. */
  async claim(trx: Executor<SupplierDatabase>, key: ProposalKey, purchaseOrderId: string): Promise<boolean> {
    const result = await trx
      .updateTable('replenishment_proposal')
      .set({ status: 'APPROVED', purchase_order_id: purchaseOrderId })
      .where('run_id', '=', key.runId)
      .where('seq', '=', key.seq)
      .where('status', '=', 'PROPOSED')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Gives proposals back (their order was undone before it reached the supplier). */
  async release(trx: Executor<SupplierDatabase>, purchaseOrderIds: readonly string[]): Promise<void> {
    await inChunks(purchaseOrderIds, async (part) => {
      await trx.updateTable('replenishment_proposal').set({ status: 'PROPOSED', purchase_order_id: null }).where('purchase_order_id', 'in', part).execute();
      return [];
    });
  }

  /** Old runs' proposals that no order came from: retention. */
  async deleteUnapproved(runIds: readonly string[]): Promise<void> {
    await inChunks(runIds, async (part) => {
      await this.db.deleteFrom('replenishment_proposal').where('run_id', 'in', part).where('status', '=', 'PROPOSED').execute();
      return [];
    });
  }

  private filtered(runId: string, query: ProposalListQuery) {
    let q = this.db.selectFrom('replenishment_proposal').where('run_id', '=', runId);
    if (query.sku !== undefined) q = q.where('sku', '=', query.sku);
    if (query.locationId !== undefined) q = q.where('location_id', '=', query.locationId);
    if (query.status !== undefined) q = q.where('status', '=', query.status);
    if (query.exceptionBit !== undefined) q = q.where(sql<number>`(exception_mask & ${query.exceptionBit})`, '<>', 0);
    if (query.supplierId !== undefined) {
      const supplierId = query.supplierId;
      q = q.where('sku', 'in', (eb) => eb.selectFrom('replenishment_run_item').select('sku').where('run_id', '=', runId).where('supplier_id', '=', supplierId));
    }
    return q;
  }
}
