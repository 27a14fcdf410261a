// The tables every service keeps for its events: outbox (to publish), inbox (already handled), dead letters.
import { sql, type Generated, type Migration } from 'kysely';
import type { Dialect } from '../store/store-config.js';
import { addSequenceColumn } from '../store/column-types.js';

export interface OutboxTable {
  seq: Generated<number>;
  id: string;
  type: string;
  source: string;
  subject: string | null;
  time: string;
  data: string;
  traceparent: string | null;
  published_at: string | null;
}

export interface InboxTable {
  consumer: string;
  event_id: string;
  processed_at: string;
}

export interface DeadLetterTable {
  seq: Generated<number>;
  consumer: string;
  event_id: string;
  type: string;
  envelope: string;
  error: string;
  attempts: number;
  failed_at: string;
  replayed_at: string | null;
}

export interface EventTables {
  outbox: OutboxTable;
  inbox: InboxTable;
  event_dead_letter: DeadLetterTable;
}

/** Include first in every service's migration list. */
export function eventTablesMigration(dialect: Dialect): Migration {
  return {
    async up(db) {
      await addSequenceColumn(db.schema.createTable('outbox'), 'seq', dialect)
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('time', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('traceparent', 'text')
        .addColumn('published_at', 'text')
        .execute();
      // The relay only ever scans unpublished rows.
      await sql`CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL`.execute(db);
      await db.schema
        .createTable('inbox')
        .addColumn('consumer', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('processed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('inbox_pk', ['consumer', 'event_id'])
        .execute();
      await addSequenceColumn(db.schema.createTable('event_dead_letter'), 'seq', dialect)
        .addColumn('consumer', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('envelope', 'text', (c) => c.notNull())
        .addColumn('error', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('failed_at', 'text', (c) => c.notNull())
        .addColumn('replayed_at', 'text')
        .execute();
    },
  };
}
