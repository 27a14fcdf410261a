// Where a service remembers how far it has read each ERP change feed, and when the ERP last answered.
import type { Migration } from 'kysely';

export interface SyncStateTable {
  feed: string;
  cursor: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  /** 1 once a pass has read the feed to its end: later records are changes, not the initial load. */
  caught_up: number;
}

export interface SyncTables {
  sync_state: SyncStateTable;
}

export function syncStateMigration(): Migration {
  return {
    async up(db) {
      await db.schema
        .createTable('sync_state')
        .addColumn('feed', 'text', (c) => c.primaryKey())
        .addColumn('cursor', 'text')
        .addColumn('last_success_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('last_error_at', 'text')
        .addColumn('caught_up', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
