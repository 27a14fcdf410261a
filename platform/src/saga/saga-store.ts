// Where the saga runner keeps each saga's progress: inserts, saves with a fresh lease, claims for recovery, cleanup.
import type { Kysely } from 'kysely';
import { PreparedQuery } from '../store/prepared-query.js';
import type { AnyKysely } from '../store/transaction.js';
import type { Clock } from '../time/clock.js';
import type { BeforePersist } from './saga-step.js';
import type { SagaStatus, SagaTable, SagaTables } from './saga-tables.js';

export type SagaChange = Partial<{ status: SagaStatus; step_index: number; in_step: number; error: string }>;

/** Every placement inserts a saga and saves it at least once: both statements are prepared once (see PreparedQuery). */
const INSERT = new PreparedQuery((db: Kysely<SagaTables>, v: SagaTable) =>
  db.insertInto('saga').values({ id: v.id, workflow: v.workflow, status: v.status, step_index: v.step_index, in_step: v.in_step, state: v.state, error: v.error, recoveries: v.recoveries, lease_until: v.lease_until, created_at: v.created_at, updated_at: v.updated_at }),
);

type SagaSave = SagaChange & { id: string; state: string; lease_until: string; updated_at: string };

/** The save's statement for one set of changed columns (a handful of sets occur). */
const saves = new Map<string, PreparedQuery<SagaTables, SagaSave, unknown>>();

function saveFor(change: SagaChange): PreparedQuery<SagaTables, SagaSave, unknown> {
  const columns = (Object.keys(change) as (keyof SagaChange)[]).filter((k) => change[k] !== undefined).sort();
  const key = columns.join(',');
  let save = saves.get(key);
  if (!save) {
    save = new PreparedQuery((db: Kysely<SagaTables>, v: SagaSave) =>
      db
        .updateTable('saga')
        .set({ ...Object.fromEntries(columns.map((c) => [c, v[c]])), state: v.state, lease_until: v.lease_until, updated_at: v.updated_at })
        .where('id', '=', v.id),
    );
    saves.set(key, save);
  }
  return save;
}

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
      await INSERT.run(trx, { id, workflow, status: 'RUNNING', step_index: stepIndex, in_step: 1, state: JSON.stringify(state), error: null, recoveries: 0, lease_until: this.leaseFrom(now), created_at: now.toISOString(), updated_at: now.toISOString() });
    });
  }

  /** Saves progress and renews the lease (`leaseMs` overrides it: a postponed saga comes back sooner). */
  async save(id: string, state: unknown, change: SagaChange, leaseMs?: number): Promise<void> {
    const now = this.clock.now();
    await saveFor(change).run(this.db, { ...change, id, state: JSON.stringify(state), lease_until: this.leaseFrom(now, leaseMs), updated_at: now.toISOString() });
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
