// The demand store, one block per SKU: each location slot's forecast state and the SKU's weekday factors.
import type { Kysely } from 'kysely';
import type { Dialect, Executor } from '@retail-hub/platform';
import { float32s, float64s, toBytes } from './block-codec.js';
import { inChunks } from './in-chunks.js';
import type { SupplierDatabase } from './supplier-tables.js';

export interface DemandBlock {
  sku: string;
  /** SERIES_FIELDS floats per slot (demand-forecast.ts). */
  series: Float32Array;
  weekdayFactors: Float64Array;
  /** Last day folded in. */
  throughDay: number;
}

export class DemandBlockRepository {
  constructor(private readonly db: Kysely<SupplierDatabase>, private readonly dialect: Dialect) {}

  async page(afterSku: string | null, limit: number, skus?: readonly string[]): Promise<DemandBlock[]> {
    const rows = await this.db
      .selectFrom('demand_block')
      .select(['sku', 'series', 'weekday_factors', 'through_day'])
      .$if(afterSku !== null, (q) => q.where('sku', '>', afterSku!))
      .$if(skus !== undefined, (q) => q.where('sku', 'in', skus!.length ? [...skus!] : ['']))
      .orderBy('sku')
      .limit(limit)
      .execute();
    return rows.map(toBlock);
  }

  /** Reads blocks to fold days into them; locked on PostgreSQL until `trx` ends. */
  async lock(trx: Executor<SupplierDatabase>, skus: readonly string[]): Promise<Map<string, DemandBlock>> {
    const rows = await inChunks(skus, (part) =>
      trx
        .selectFrom('demand_block')
        .select(['sku', 'series', 'weekday_factors', 'through_day'])
        .where('sku', 'in', part)
        .$if(this.dialect === 'postgres', (q) => q.forUpdate())
        .execute(),
    );
    return new Map(rows.map((r) => [r.sku, toBlock(r)]));
  }

  async save(trx: Executor<SupplierDatabase>, blocks: readonly DemandBlock[], now: string): Promise<void> {
    for (let i = 0; i < blocks.length; i += 100) {
      await trx
        .insertInto('demand_block')
        .values(blocks.slice(i, i + 100).map((b) => ({ sku: b.sku, series: toBytes(b.series), weekday_factors: toBytes(b.weekdayFactors), through_day: b.throughDay, updated_at: now })))
        .onConflict((oc) =>
          oc.column('sku').doUpdateSet((eb) => ({
            series: eb.ref('excluded.series'),
            weekday_factors: eb.ref('excluded.weekday_factors'),
            through_day: eb.ref('excluded.through_day'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('demand_block').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toBlock(r: { sku: string; series: Uint8Array; weekday_factors: Uint8Array; through_day: number }): DemandBlock {
  return { sku: r.sku, series: float32s(r.series), weekdayFactors: float64s(r.weekday_factors), throughDay: Number(r.through_day) };
}
