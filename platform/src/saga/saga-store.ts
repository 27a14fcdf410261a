// Where the saga runner keeps each saga's progress: inserts, saves with a fresh lease, claims for recovery, cleanup.
import type { Kysely } from 'kysely';
import type { AnyKysely } from '../store/transaction.js';
import type { Clock } from '../time/clock.js';
import type { BeforePersist } from './saga-step.js';
import type { SagaStatus, SagaTable, SagaTables } from './saga-tables.js';

export type SagaChange = Partial<{ status: SagaStatus; step_index: number; in_step: number; error: string }>;

export class SagaStore {
  private readonly db: Kysely<SagaTables>;

  constructor(db: AnyKysely, private readonly clock: Clock, private readonly leaseMs: number) {
    this.db = db as Kysely<SagaTables>;
  }

  /** The first save, in one transaction with the caller's own write (`beforePersist` may refuse by throwing). */
  async insert(id: string, workflow: string, state: unknown, stepIndex: number, beforePersist?: BeforePersist): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      await beforePersist?.(trx);
      await trx
        .insertInto('saga')
        .values({ id, workflow, status: 'RUNNING', step_index: stepIndex, in_step: 1, state: JSON.stringify(state), error: null, recoveries: 0, lease_until: this.leaseFrom(now), created_at: now.toISOString(), updated_at: now.toISOString() })
        .execute();
    });
  }

  /** Saves progress and renews the lease (`leaseMs` overrides it: a postponed saga comes back sooner). */
  async save(id: string, state: unknown, change: SagaChange, leaseMs?: number): Promise<void> {
    const now = this.clock.now();
    await this.db
      .updateTable('saga')
      .set({ ...change, state: JSON.stringify(state), lease_until: this.leaseFrom(now, leaseMs), updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async recoveries(id: string): Promise<number> {
    return (await this.db.selectFrom('saga').select('recoveries').where('id', '=', id).executeTakeFirst())?.recoveries ?? 0;
  }

  /** Unfinished sagas whose lease ran out, oldest lease first. */
  async expired(limit: number): Promise<SagaTable[]> {
    return this.db
      .selectFrom('saga')
      .selectAll()
      .where('status', 'in', ['RUNNING', 'COMPENSATING'])
      .where('lease_until', '<', this.clock.now().toISOString())
      .orderBy('lease_until')
      .limit(limit)
      .execute();
  }

  /** Compare-and-set on the lease: of two processes recovering at once, one takes the saga. */
  async claim(row: SagaTable): Promise<boolean> {
    const claimed = await this.db
      .updateTable('saga')
      .set({ lease_until: this.leaseFrom(this.clock.now()), recoveries: row.recoveries + 1 })
      .where('id', '=', row.id)
      .where('lease_until', '=', row.lease_until)
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) === 1;
  }

  async markFailed(id: string): Promise<void> {
    await this.db.updateTable('saga').set({ status: 'FAILED', updated_at: this.clock.now().toISOString() }).where('id', '=', id).execute();
  }

  /** Deletes finished sagas last changed before the cutoff. */
  async deleteFinishedBefore(cutoff: Date): Promise<void> {
    await this.db.deleteFrom('saga').where('status', 'in', ['COMPLETED', 'COMPENSATED']).where('updated_at', '<', cutoff.toISOString()).execute();
  }

  private leaseFrom(now: Date, leaseMs = this.leaseMs): string {
    return new Date(now.getTime() + leaseMs).toISOString();
  }
}
