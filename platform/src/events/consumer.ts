// Runs an event consumer exactly-once in effect: the inbox row and the side effects commit in one transaction.
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../time/clock.js';
import { contextFromTraceparent, withSpan } from '../telemetry/tracing.js';
import type { ServiceMetrics } from '../telemetry/metrics.js';
import type { EventEnvelope } from './envelope.js';
import type { BusSubscription, EventBus } from './event-bus.port.js';
import type { EventTables } from './event-tables.js';

export interface ConsumerOptions<DB> {
  name: string;
  types: string[];
  bus: EventBus;
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
  metrics?: ServiceMetrics;
  maxDeliver?: number;
  backoffMs?: number[];
  /** Side effects of one event, inside the transaction that records it as processed. */
  handle: (event: EventEnvelope, trx: Transaction<DB>) => Promise<void>;
  /** Runs after the transaction commits (e.g. kick the outbox relay). */
  afterCommit?: () => void;
}

/** Handles one event unless this consumer already has; returns whether it ran. */
export async function handleOnce<DB>(
  db: Kysely<DB>,
  consumer: string,
  event: EventEnvelope,
  clock: Clock,
  handle: (event: EventEnvelope, trx: Transaction<DB>) => Promise<void>,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inbox = trx as unknown as Transaction<EventTables>;
    const inserted = await inbox
      .insertInto('inbox')
      .values({ consumer, event_id: event.id, processed_at: clock.now().toISOString() })
      .onConflict((oc) => oc.columns(['consumer', 'event_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await handle(event, trx);
    return true;
  });
}

export async function startConsumer<DB>(options: ConsumerOptions<DB>): Promise<BusSubscription> {
  const { name, db, clock, logger, metrics } = options;
  return options.bus.subscribe({
    consumer: name,
    types: options.types,
    maxDeliver: options.maxDeliver,
    backoffMs: options.backoffMs,
    handler: async ({ event, attempt }) => {
      await withSpan(name, `consume ${event.type}`, { 'messaging.consumer': name, 'messaging.message.id': event.id, attempt }, async () => {
        const ran = await handleOnce(db, name, event, clock, options.handle);
        metrics?.eventsConsumed.inc({ consumer: name, type: event.type, outcome: ran ? 'handled' : 'duplicate' });
        if (ran) options.afterCommit?.();
      }, contextFromTraceparent(event.traceparent)).catch((error) => {
        metrics?.eventsConsumed.inc({ consumer: name, type: event.type, outcome: 'failed' });
        logger.warn({ err: error, consumer: name, eventId: event.id, attempt }, 'event handling failed');
        throw error;
      });
    },
    onDeadLetter: async ({ event, attempt }, error) => {
      await (db as unknown as Kysely<EventTables>)
        .insertInto('event_dead_letter')
        .values({
          consumer: name,
          event_id: event.id,
          type: event.type,
          envelope: JSON.stringify(event),
          error: String((error as Error)?.message ?? error),
          attempts: attempt,
          failed_at: clock.now().toISOString(),
          replayed_at: null,
        })
        .execute();
    },
  });
}

/** Runs dead-lettered events of a consumer again (the inbox keeps a replay from applying twice). */
export async function replayDeadLetters<DB>(
  options: Pick<ConsumerOptions<DB>, 'name' | 'db' | 'clock' | 'handle' | 'afterCommit'>,
  filter: { eventIds?: string[]; type?: string } = {},
): Promise<{ replayed: number; failed: number }> {
  const db = options.db as unknown as Kysely<EventTables>;
  let query = db.selectFrom('event_dead_letter').selectAll().where('consumer', '=', options.name).where('replayed_at', 'is', null);
  if (filter.eventIds?.length) query = query.where('event_id', 'in', filter.eventIds);
  if (filter.type) query = query.where('type', '=', filter.type);
  const rows = await query.orderBy('seq').execute();
  let replayed = 0;
  let failed = 0;
  for (const row of rows) {
    try {
      await handleOnce(options.db, options.name, JSON.parse(row.envelope), options.clock, options.handle);
      await db.updateTable('event_dead_letter').set({ replayed_at: options.clock.now().toISOString() }).where('seq', '=', row.seq).execute();
      replayed++;
    } catch {
      failed++;
    }
  }
  if (replayed) options.afterCommit?.();
  return { replayed, failed };
}
