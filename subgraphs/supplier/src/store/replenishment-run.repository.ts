// Replenishment runs: queued, claimed by one worker, completed with their figures; listed newest first.
import type { Kysely, Selectable } from 'kysely';
import type { Executor } from '@retail-hub/platform';
import { inChunks } from './in-chunks.js';
import type { ReplenishmentRunTable } from './replenishment-tables.js';
import type { SupplierDatabase } from './supplier-tables.js';

export type ReplenishmentRunRow = Selectable<ReplenishmentRunTable>;

export interface RunListQuery {
  status?: string;
  trigger?: string;
  promotionId?: string;
}

export interface RunStats {
  positions: number;
  proposals: number;
  exceptions: number;
  read_ms: number;
  compute_ms: number;
  write_ms: number;
}

export class ReplenishmentRunRepository {
  constructor(private readonly db: Kysely<SupplierDatabase>) {}

  async insert(executor: Executor<SupplierDatabase>, row: ReplenishmentRunRow): Promise<void> {
    await executor.insertInto('replenishment_run').values(row).execute();
  }

  /** Queues the day's scheduled run unless one is there already (several replicas may try). Returns whether it queued. */
  async queueDaily(row: ReplenishmentRunRow): Promise<boolean> {
    const result = await this.db.insertInto('replenishment_run').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async hasDaily(runDate: string): Promise<boolean> {
    return Boolean(await this.db.selectFrom('replenishment_run').select('id').where('trigger', '=', 'SCHEDULED').where('run_date', '=', runDate).executeTakeFirst());
  }

  /** Takes the oldest queued run for this worker; null when there is none (or another worker took it first). */
  async claimQueued(now: string): Promise<ReplenishmentRunRow | null> {
    const next = await this.db.selectFrom('replenishment_run').selectAll().where('status', '=', 'QUEUED').orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
    if (!next) return null;
    const claimed = await this.db.updateTable('replenishment_run').set({ status: 'RUNNING', started_at: now }).where('id', '=', next.id).where('status', '=', 'QUEUED').executeTakeFirst();
    return Number(claimed.numUpdatedRows) === 1 ? { ...next, status: 'RUNNING', started_at: now } : null;
  }

  async complete(executor: Executor<SupplierDatabase>, id: string, stats: RunStats, now: string): Promise<void> {
    await executor.updateTable('replenishment_run').set({ ...stats, status: 'COMPLETED', completed_at: now }).where('id', '=', id).execute();
  }

  async fail(executor: Executor<SupplierDatabase>, id: string, error: string, now: string): Promise<void> {
    await executor.updateTable('replenishment_run').set({ status: 'FAILED', error, completed_at: now }).where('id', '=', id).execute();
  }

  /** Runs left RUNNING by a process that died: queued again so a worker finishes them. */
  async requeueStale(startedBefore: string): Promise<number> {
    const result = await this.db.updateTable('replenishment_run').set({ status: 'QUEUED', started_at: null }).where('status', '=', 'RUNNING').where('started_at', '<', startedBefore).executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  findByIds(ids: readonly string[]): Promise<ReplenishmentRunRow[]> {
    return inChunks(ids, (part) => this.db.selectFrom('replenishment_run').selectAll().where('id', 'in', part).execute());
  }

  /** Newest first. */
  page(query: RunListQuery, after: { createdAt: string; id: string } | null, limit: number): Promise<ReplenishmentRunRow[]> {
    return this.filtered(query)
      .selectAll()
      .$if(after !== null, (q) => q.where((eb) => eb.or([eb('created_at', '<', after!.createdAt), eb.and([eb('created_at', '=', after!.createdAt), eb('id', '<', after!.id)])])))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  async count(query: RunListQuery): Promise<number> {
    const row = await this.filtered(query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Runs recorded before `cutoff` (retention). */
  async idsCreatedBefore(cutoff: string): Promise<string[]> {
    return (await this.db.selectFrom('replenishment_run').select('id').where('created_at', '<', cutoff).execute()).map((r) => r.id);
  }

  /** Completed runs that finished after `completedAt`: the ones that may supersede an earlier run's proposals. */
  completedAfter(completedAt: string): Promise<ReplenishmentRunRow[]> {
    return this.db.selectFrom('replenishment_run').selectAll().where('status', '=', 'COMPLETED').where('completed_at', '>', completedAt).orderBy('completed_at').execute();
  }

  private filtered(query: RunListQuery) {
    let q = this.db.selectFrom('replenishment_run');
    if (query.status !== undefined) q = q.where('status', '=', query.status);
    if (query.trigger !== undefined) q = q.where('trigger', '=', query.trigger);
    if (query.promotionId !== undefined) q = q.where('promotion_id', '=', query.promotionId);
    return q;
  }
}
