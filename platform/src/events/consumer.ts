// Runs an event consumer exactly-once in effect: the inbox row and the side effects commit in one transaction.
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../time/clock.js';
import { contextFromTraceparent, withSpan, withSpanPerItem } from '../telemetry/tracing.js';
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
  /**
   * Optional: the side effects of a run of events at once, in one transaction with their inbox rows, when the
   * bus hands runs (SubscribeOptions.runHandler). It must leave what `handle` would leave for each event in turn.
   * Only for a consumer that emits no events: the run's writes have no single trace to carry.
   */
  handleRun?: (events: EventEnvelope[], trx: Transaction<DB>) => Promise<void>;
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

/**
 * Handles, together in one transaction, the events of a run this consumer has not handled yet (a run may repeat
 * one); returns those it ran. One inbox statement and one commit for the run instead of one per event.
 */
export async function handleRunOnce<DB>(
  db: Kysely<DB>,
  consumer: string,
  events: readonly EventEnvelope[],
  clock: Clock,
  handleRun: (events: EventEnvelope[], trx: Transaction<DB>) => Promise<void>,
): Promise<EventEnvelope[]> {
  const distinct = [...new Map(events.map((e) => [e.id, e])).values()];
  return db.transaction().execute(async (trx) => {
    const processedAt = clock.now().toISOString();
    const inserted = await (trx as unknown as Transaction<EventTables>)
      .insertInto('inbox')
      .values(distinct.map((e) => ({ consumer, event_id: e.id, processed_at: processedAt })))
      .onConflict((oc) => oc.columns(['consumer', 'event_id']).doNothing())
      .returning('event_id')
      .execute();
    const fresh = new Set(inserted.map((r) => r.event_id));
    const toRun = distinct.filter((e) => fresh.has(e.id));
    if (toRun.length) await handleRun(toRun, trx);
    return toRun;
  });
}

export async function startConsumer<DB>(options: ConsumerOptions<DB>): Promise<BusSubscription> {
  const { name, db, clock, logger, metrics, handleRun } = options;
  return options.bus.subscribe({
    consumer: name,
    types: options.types,
    maxDeliver: options.maxDeliver,
    backoffMs: options.backoffMs,
    // A failed run is logged by the bus and delivered again one event at a time, where failures are counted.
    runHandler: handleRun
      ? async (events) => {
          const spans = events.map((e) => ({ name: `consume ${e.type}`, parent: contextFromTraceparent(e.traceparent), attributes: { 'messaging.consumer': name, 'messaging.message.id': e.id, 'messaging.batch.message_count': events.length } }));
          const ran = await withSpanPerItem(name, spans, () => handleRunOnce(db, name, events, clock, handleRun));
          const handled = new Set(ran);
          for (const event of events) metrics?.eventsConsumed.inc({ consumer: name, type: event.type, outcome: handled.delete(event) ? 'handled' : 'duplicate' });
          if (ran.length) options.afterCommit?.();
        }
      : undefined,
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
