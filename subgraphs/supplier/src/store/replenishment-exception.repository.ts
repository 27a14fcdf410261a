// A run's exceptions: what a person should look at (no supplier, capacity short, a promotion the lead time misses, minimums).
import type { Kysely, Selectable } from 'kysely';
import type { Dialect } from '@retail-hub/platform';
import { bulkInsert } from './bulk-insert.js';
import type { ReplenishmentExceptionTable } from './replenishment-tables.js';
import type { SupplierDatabase } from './supplier-tables.js';

export type ReplenishmentExceptionRow = Selectable<ReplenishmentExceptionTable>;

export interface ExceptionListQuery {
  code?: string;
  sku?: string;
}

export class ReplenishmentExceptionRepository {
  constructor(private readonly db: Kysely<SupplierDatabase>, private readonly dialect: Dialect) {}

  async insert(rows: readonly ReplenishmentExceptionRow[]): Promise<void> {
    const values = <K extends keyof ReplenishmentExceptionRow>(name: K) => rows.map((r) => r[name] as string | number | null);
    await bulkInsert(
      this.db,
      this.dialect,
      'replenishment_exception',
      [
        { name: 'run_id', type: 'text', values: values('run_id') },
        { name: 'seq', type: 'integer', values: values('seq') },
        { name: 'code', type: 'text', values: values('code') },
        { name: 'sku', type: 'text', values: values('sku') },
        { name: 'location_id', type: 'text', values: values('location_id') },
        { name: 'supplier_id', type: 'text', values: values('supplier_id') },
        { name: 'proposal_seq', type: 'integer', values: values('proposal_seq') },
        { name: 'message', type: 'text', values: values('message') },
      ],
      rows.length,
    );
  }

  page(runId: string, query: ExceptionListQuery, afterSeq: number | null, limit: number): Promise<ReplenishmentExceptionRow[]> {
    return this.filtered(runId, query)
      .selectAll()
      .$if(afterSeq !== null, (q) => q.where('seq', '>', afterSeq!))
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  async count(runId: string, query: ExceptionListQuery): Promise<number> {
    const row = await this.filtered(runId, query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private filtered(runId: string, query: ExceptionListQuery) {
    let q = this.db.selectFrom('replenishment_exception').where('run_id', '=', runId);
    if (query.code !== undefined) q = q.where('code', '=', query.code);
    if (query.sku !== undefined) q = q.where('sku', '=', query.sku);
    return q;
  }
}
