// The stock-position projection, one block per SKU: on-hand, reserved and inbound for every location slot.
import type { Kysely } from 'kysely';
import type { Dialect, Executor } from '@retail-hub/platform';
import { int32s, toBytes } from './block-codec.js';
import { inChunks } from './in-chunks.js';
import type { SupplierDatabase } from './supplier-tables.js';

/** Int32s per slot in a position block. */
export const POSITION_FIELDS = 3;
export const ON_HAND = 0;
export const RESERVED = 1;
export const INBOUND = 2;

export interface PositionBlock {
  sku: string;
  data: Int32Array;
}

export class PositionBlockRepository {
  constructor(private readonly db: Kysely<SupplierDatabase>, private readonly dialect: Dialect) {}

  /** Blocks in SKU order after `afterSku` (a page of a full scan), or those of `skus` when given. */
  async page(afterSku: string | null, limit: number, skus?: readonly string[]): Promise<PositionBlock[]> {
    const rows = await this.db
      .selectFrom('position_block')
      .select(['sku', 'data'])
      .$if(afterSku !== null, (q) => q.where('sku', '>', afterSku!))
      .$if(skus !== undefined, (q) => q.where('sku', 'in', skus!.length ? [...skus!] : ['']))
      .orderBy('sku')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ sku: r.sku, data: int32s(r.data) }));
  }

  /** Reads blocks to change them; on PostgreSQL the rows stay locked until `trx` ends, so concurrent changes queue. */
  async lock(trx: Executor<SupplierDatabase>, skus: readonly string[]): Promise<Map<string, Int32Array>> {
    const rows = await inChunks(skus, (part) =>
      trx
        .selectFrom('position_block')
        .select(['sku', 'data'])
        .where('sku', 'in', part)
        .$if(this.dialect === 'postgres', (q) => q.forUpdate())
        .execute(),
    );
    return new Map(rows.map((r) => [r.sku, int32s(r.data)]));
  }

  async save(trx: Executor<SupplierDatabase>, blocks: readonly PositionBlock[], now: string): Promise<void> {
    for (let i = 0; i < blocks.length; i += 200) {
      await trx
        .insertInto('position_block')
        .values(blocks.slice(i, i + 200).map((b) => ({ sku: b.sku, data: toBytes(b.data), updated_at: now })))
        .onConflict((oc) => oc.column('sku').doUpdateSet((eb) => ({ data: eb.ref('excluded.data'), updated_at: eb.ref('excluded.updated_at') })))
        .execute();
    }
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('position_block').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
