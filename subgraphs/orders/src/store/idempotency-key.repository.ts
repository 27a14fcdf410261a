// Placement idempotency keys: claimed once per caller and key, completed with the outcome, kept at least as long as promised.
import type { Kysely, Selectable } from 'kysely';
import { PreparedQuery, type Executor } from '@retail-hub/platform';
import type { IdempotencyKeyTable, OrdersDatabase } from './order-tables.js';

export type IdempotencyKeyRow = Selectable<IdempotencyKeyTable>;

// Every placement finds, claims and completes its key: the three statements are prepared once (see PreparedQuery).
const FIND = new PreparedQuery((db: Kysely<OrdersDatabase>, v: { key: string }) => db.selectFrom('idempotency_key').selectAll().where('key', '=', v.key));

const CLAIM = new PreparedQuery((db: Kysely<OrdersDatabase>, v: IdempotencyKeyRow) =>
  db
    .insertInto('idempotency_key')
    .values({ key: v.key, fingerprint: v.fingerprint, order_id: v.order_id, status: v.status, result: v.result, created_at: v.created_at, completed_at: v.completed_at })
    .onConflict((oc) => oc.column('key').doNothing()),
);

const COMPLETE = new PreparedQuery((db: Kysely<OrdersDatabase>, v: { key: string; orderId: string; result: string; now: string }) =>
  db
    .updateTable('idempotency_key')
    .set({ status: 'COMPLETED', result: v.result, completed_at: v.now })
    .where('key', '=', v.key)
    .where('order_id', '=', v.orderId)
    .where('status', '=', 'IN_PROGRESS'),
);

export class IdempotencyKeyRepository {
  constructor(private readonly db: Kysely<OrdersDatabase>) {}

  async find(key: string): Promise<IdempotencyKeyRow | undefined> {
    return FIND.first(this.db, { key });
  }

  /** Claims a key for a request; false when another request holds it (the primary key decides, not a read first). */
  async claim(row: { key: string; fingerprint: string; orderId: string; now: string; result?: unknown }, executor: Executor<OrdersDatabase> = this.db): Promise<boolean> {
    const done = row.result !== undefined;
    const claimed = { key: row.key, fingerprint: row.fingerprint, order_id: row.orderId, status: done ? 'COMPLETED' : 'IN_PROGRESS', result: done ? JSON.stringify(row.result) : null, created_at: row.now, completed_at: done ? row.now : null };
    return (await CLAIM.affected(executor, claimed)) === 1;
  }

  /**
   * Records the outcome of the placement the key waits on; false, changing nothing, when it no longer waits on that
   * order: its outcome is recorded already (a recovered saga repeating a step), or the key was freed and claimed
   * again by a newer request.
   */
  async complete(key: string, orderId: string, result: unknown, now: string, executor: Executor<OrdersDatabase> = this.db): Promise<boolean> {
    return (await COMPLETE.affected(executor, { key, orderId, result: JSON.stringify(result), now })) === 1;
  }

  /** Frees a key whose request failed unexpectedly (after its effects were undone), so sending it again retries. */
  async release(key: string, orderId: string): Promise<void> {
    await this.db.deleteFrom('idempotency_key').where('key', '=', key).where('order_id', '=', orderId).execute();
  }

  /** Deletes finished keys older than the cutoff; returns how many. */
  async deleteCompletedBefore(cutoff: string): Promise<number> {
    const deleted = await this.db.deleteFrom('idempotency_key').where('status', '=', 'COMPLETED').where('created_at', '<', cutoff).executeTakeFirst();
    return Number(deleted.numDeletedRows);
  }
}
