// Writes events into the outbox inside the caller's transaction, so a change and its event commit together.
import type { Selectable } from 'kysely';
import { PreparedInsert } from '../store/prepared-insert.js';
import type { AnyKysely, AnyTransaction, Executor } from '../store/transaction.js';
import type { Clock } from '../time/clock.js';
import { createEnvelope, type EventEnvelope, type NewEvent } from './envelope.js';
import type { EventTables } from './event-tables.js';
import { assertEventData } from './event-schemas.js';

export interface OutboxWriter {
  /** Adds events to the outbox within `trx`; they are published after it commits. */
  write(trx: AnyTransaction | AnyKysely, events: NewEvent[]): Promise<EventEnvelope[]>;
}

/** Every order change writes one to three events: compiled once per row count (see PreparedInsert). */
const INSERT = new PreparedInsert<EventTables, 'outbox'>('outbox');

export function createOutboxWriter(service: string, clock: Clock): OutboxWriter {
  return {
    async write(trx, events) {
      if (events.length === 0) return [];
      // A consumer in another service depends on the shape: refuse (and roll back) rather than publish a broken event.
      for (const e of events) assertEventData(e.type, e.data);
      const envelopes = events.map((e) => createEnvelope(service, e, clock));
      const db = trx as Executor<EventTables>;
      // Chunked so a large publication stays under SQLite's bound-parameter limit.
      for (let i = 0; i < envelopes.length; i += 500) await INSERT.run(db, envelopes.slice(i, i + 500).map(toRow));
      return envelopes;
    },
  };
}

function toRow(e: EventEnvelope) {
  return {
    id: e.id,
    type: e.type,
    source: e.source,
    subject: e.subject ?? null,
    time: e.time,
    data: JSON.stringify(e.data),
    traceparent: e.traceparent ?? null,
    published_at: null,
  };
}

export function rowToEnvelope(row: Selectable<EventTables['outbox']>): EventEnvelope {
  return {
    specversion: '1.0',
    id: row.id,
    type: row.type,
    source: row.source,
    subject: row.subject ?? undefined,
    time: row.time,
    datacontenttype: 'application/json',
    data: JSON.parse(row.data),
    traceparent: row.traceparent ?? undefined,
  };
}
