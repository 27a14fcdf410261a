// The table a service keeps its sagas in: each saga's workflow, how far it got, its state, and who holds it.
import { sql, type Migration } from 'kysely';

export type SagaStatus = 'RUNNING' | 'COMPLETED' | 'COMPENSATING' | 'COMPENSATED' | 'FAILED';

export interface SagaTable {
  id: string;
  workflow: string;
  status: SagaStatus;
  /** RUNNING: the next step to run. COMPENSATING: the next step to compensate (counting down). */
  step_index: number;
  /** 1 while step_index's step may have started (its effects must be undone or finished), 0 when it has not. */
  in_step: number;
  /** The workflow's state as JSON: its input and every finished step's output. */
  state: string;
  /** Why it is compensating (JSON), once a step failed. */
  error: string | null;
  /** How often recovery has picked it up. */
  recoveries: number;
  /** A saga whose lease has run out is taken over by recovery (its process died). */
  lease_until: string;
  created_at: string;
  updated_at: string;
}

export interface SagaTables {
  saga: SagaTable;
}

/** Add to a service's migration list to give it sagas. */
export function sagaTablesMigration(): Migration {
  return {
    async up(db) {
      await db.schema
        .createTable('saga')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workflow', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('step_index', 'integer', (c) => c.notNull())
        .addColumn('in_step', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('recoveries', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lease_until', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Recovery only ever looks at unfinished sagas.
      await sql`CREATE INDEX saga_unfinished ON saga (lease_until) WHERE status IN ('RUNNING', 'COMPENSATING')`.execute(db);
      await db.schema.createIndex('saga_finished').on('saga').columns(['status', 'updated_at']).execute();
    },
  };
}
