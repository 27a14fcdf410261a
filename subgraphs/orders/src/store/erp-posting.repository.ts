// The postings owed to the ERP's SalesFinance ledger: queued with the change that causes them, then posted, retried or dead.
import { sql, type Kysely, type Selectable } from 'kysely';
import { PreparedInsert, type Executor } from '@retail-hub/platform';
import type { ErpPostingTable, OrdersDatabase } from './order-tables.js';

// Every confirmed order queues a posting: compiled once per count (see PreparedInsert).
const ENQUEUE = new PreparedInsert<OrdersDatabase, 'erp_posting'>('erp_posting', (insert) => insert.onConflict((oc) => oc.column('posting_id').doNothing()));

export type ErpPostingRow = Selectable<ErpPostingTable>;

export interface ErpPostingQuery {
  status?: string;
  kind?: string;
  orderId?: string;
  /** Only postings last changed at or after / before these instants (ISO). */
  updatedFrom?: string;
  updatedUntil?: string;
  /** Only postings whose last error contains this text, exactly (case-sensitive, no wildcards). */
  errorContains?: string;
}

export class ErpPostingRepository {
  constructor(private readonly db: Kysely<OrdersDatabase>) {}

  /** Queues postings; an id already queued is left alone (a retried transition cannot post twice). */
  async enqueue(trx: Executor<OrdersDatabase>, postings: readonly { postingId: string; orderId: string; kind: string; payload: unknown }[], now: string): Promise<void> {
    if (postings.length === 0) return;
    await ENQUEUE.run(
      trx,
      postings.map((p) => ({ posting_id: p.postingId, order_id: p.orderId, kind: p.kind, payload: JSON.stringify(p.payload), status: 'PENDING' as const, attempts: 0, next_attempt_at: now, last_error: null, document_no: null, created_at: now, posted_at: null, updated_at: now })),
    );
  }

  async due(now: string, limit: number): Promise<ErpPostingRow[]> {
    return this.db.selectFrom('erp_posting').selectAll().where('status', '=', 'PENDING').where('next_attempt_at', '<=', now).orderBy('next_attempt_at').orderBy('posting_id').limit(limit).execute();
  }

  /**
   * Claims postings for a send by moving their due time to `until`; returns the ids this caller won. Replicas of
   * orders poll the same table: the one whose update lands first sends, the other finds them no longer due.
   */
  async lease(postingIds: readonly string[], now: string, until: string): Promise<Set<string>> {
    if (postingIds.length === 0) return new Set();
    const rows = await this.db
      .updateTable('erp_posting')
      .set({ next_attempt_at: until })
      .where('posting_id', 'in', [...postingIds])
      .where('status', '=', 'PENDING')
      .where('next_attempt_at', '<=', now)
      .returning('posting_id')
      .execute();
    return new Set(rows.map((r) => r.posting_id));
  }

  /** Gives claimed postings back, due at `now`. */
  async release(trx: Executor<OrdersDatabase>, postingIds: readonly string[], now: string): Promise<void> {
    if (postingIds.length === 0) return;
    await trx.updateTable('erp_posting').set({ next_attempt_at: now }).where('posting_id', 'in', [...postingIds]).where('status', '=', 'PENDING').execute();
  }

  async markPosted(trx: Executor<OrdersDatabase>, postingId: string, documentNo: string, attempts: number, now: string): Promise<void> {
    await trx.updateTable('erp_posting').set({ status: 'POSTED', document_no: documentNo, attempts, last_error: null, posted_at: now, updated_at: now }).where('posting_id', '=', postingId).execute();
  }

  /** Records a failed send; a posting already POSTED (its booking confirmed, perhaps by another replica) stays so. */
  async markFailed(trx: Executor<OrdersDatabase>, postingId: string, attempts: number, error: string, retryAt: string | null, now: string): Promise<boolean> {
    const updated = await trx
      .updateTable('erp_posting')
      .set({ attempts, last_error: error.slice(0, 1000), updated_at: now, ...(retryAt ? { next_attempt_at: retryAt } : { status: 'DEAD' as const }) })
      .where('posting_id', '=', postingId)
      .where('status', '=', 'PENDING')
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  /** Puts dead postings back in the queue with fresh attempts; returns the ones it moved. */
  async requeueDead(trx: Executor<OrdersDatabase>, postingIds: readonly string[], now: string): Promise<ErpPostingRow[]> {
    if (postingIds.length === 0) return [];
    return trx
      .updateTable('erp_posting')
      .set({ status: 'PENDING', attempts: 0, next_attempt_at: now, updated_at: now })
      .where('posting_id', 'in', [...postingIds])
      .where('status', '=', 'DEAD')
      .returningAll()
      .execute();
  }

  async find(postingId: string): Promise<ErpPostingRow | undefined> {
    return this.db.selectFrom('erp_posting').selectAll().where('posting_id', '=', postingId).executeTakeFirst();
  }

  async forOrders(orderIds: readonly string[]): Promise<ErpPostingRow[]> {
    if (orderIds.length === 0) return [];
    return this.db.selectFrom('erp_posting').selectAll().where('order_id', 'in', [...orderIds]).orderBy('order_id').orderBy('created_at').orderBy('posting_id').execute();
  }

  /** Newest change first (updated_at, then id, descending). */
  async page(query: ErpPostingQuery & { before?: { updatedAt: string; id: string }; limit: number }): Promise<ErpPostingRow[]> {
    let q = this.filtered(query).selectAll().orderBy('updated_at', 'desc').orderBy('posting_id', 'desc').limit(query.limit);
    const before = query.before;
    if (before) q = q.where((eb) => eb(eb.refTuple('updated_at', 'posting_id'), '<', eb.tuple(before.updatedAt, before.id)));
    return q.execute();
  }

  async count(query: ErpPostingQuery): Promise<number> {
    const row = await this.filtered(query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Ids of the postings matching a filter, oldest first, at most `limit`. */
  async ids(query: ErpPostingQuery, limit: number): Promise<string[]> {
    return (await this.filtered(query).select('posting_id').orderBy('updated_at').orderBy('posting_id').limit(limit).execute()).map((r) => r.posting_id);
  }

  private filtered(query: ErpPostingQuery) {
    let q = this.db.selectFrom('erp_posting');
    if (query.status) q = q.where('status', '=', query.status as ErpPostingRow['status']);
    if (query.kind) q = q.where('kind', '=', query.kind);
    if (query.orderId) q = q.where('order_id', '=', query.orderId);
    if (query.updatedFrom) q = q.where('updated_at', '>=', query.updatedFrom);
    if (query.updatedUntil) q = q.where('updated_at', '<', query.updatedUntil);
    // The text as typed, case and all, on both stores: LIKE would read % and _ as wildcards and, on SQLite, ignore case.
    if (query.errorContains) q = q.where(sql<string>`replace(last_error, ${query.errorContains}, '')`, '<>', sql.ref<string>('last_error'));
    return q;
  }
}
