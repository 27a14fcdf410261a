// What a run used per SKU: the supplier and its terms, the horizon, the capacity left and the weekday factors.
import type { Kysely, Selectable } from 'kysely';
import type { Dialect, Executor } from '@retail-hub/platform';
import { bulkInsert } from './bulk-insert.js';
import { inChunks } from './in-chunks.js';
import type { ReplenishmentRunItemTable } from './replenishment-tables.js';
import type { SupplierDatabase } from './supplier-tables.js';

export type ReplenishmentRunItemRow = Selectable<ReplenishmentRunItemTable>;

export class ReplenishmentRunItemRepository {
  constructor(private readonly db: Kysely<SupplierDatabase>, private readonly dialect: Dialect) {}

  async insert(rows: readonly ReplenishmentRunItemRow[]): Promise<void> {
    const column = <K extends keyof ReplenishmentRunItemRow>(name: K) => rows.map((r) => r[name] as string | number);
    await bulkInsert(
      this.db,
      this.dialect,
      'replenishment_run_item',
      [
        { name: 'run_id', type: 'text', values: column('run_id') },
        { name: 'sku', type: 'text', values: column('sku') },
        { name: 'supplier_id', type: 'text', values: column('supplier_id') },
        { name: 'pack_size', type: 'integer', values: column('pack_size') },
        { name: 'min_order_qty', type: 'integer', values: column('min_order_qty') },
        { name: 'lead_time_days', type: 'integer', values: column('lead_time_days') },
        { name: 'horizon_days', type: 'integer', values: column('horizon_days') },
        { name: 'weekly_capacity', type: 'integer', values: column('weekly_capacity') },
        { name: 'capacity_available', type: 'integer', values: column('capacity_available') },
        { name: 'unit_cost_cent_amount', type: 'integer', values: column('unit_cost_cent_amount') },
        { name: 'currency', type: 'text', values: column('currency') },
        { name: 'expected_date', type: 'text', values: column('expected_date') },
        { name: 'weekday_factors', type: 'text', values: column('weekday_factors') },
      ],
      rows.length,
    );
  }

  /** The items of (run, SKU) pairs, any order. */
  async find(keys: readonly { runId: string; sku: string }[], executor: Executor<SupplierDatabase> = this.db): Promise<ReplenishmentRunItemRow[]> {
    const byRun = new Map<string, string[]>();
    for (const k of keys) byRun.set(k.runId, [...(byRun.get(k.runId) ?? []), k.sku]);
    const rows: ReplenishmentRunItemRow[] = [];
    for (const [runId, skus] of byRun) rows.push(...(await inChunks(skus, (part) => executor.selectFrom('replenishment_run_item').selectAll().where('run_id', '=', runId).where('sku', 'in', part).execute())));
    return rows;
  }
}
