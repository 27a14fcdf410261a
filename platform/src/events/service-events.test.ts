// The outbox, relay, bus and inbox together: a change and its event commit together, and effects happen once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sql, type Kysely, type Transaction } from 'kysely';
import { openDatabase, type Database } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';
import { createTestStore, TEST_DIALECTS, type TestStore } from '../store/test-stores.js';
import { silentLogger } from '../telemetry/logger.js';
import { ControllableClock } from '../time/clock.js';
import { eventTablesMigration, type EventTables } from './event-tables.js';
import { InProcessBus } from './in-process-bus.js';
import { ServiceEvents } from './service-events.js';
import { replayDeadLetters } from './consumer.js';
import type { EventEnvelope } from './envelope.js';

interface Db extends EventTables {
  thing: { id: string; n: number };
  effect: { event_id: string };
}

describe.each(TEST_DIALECTS)('service events on %s', (dialect) => {
  let test: TestStore;
  let store: Database<Db>;
  let bus: InProcessBus;
  let events: ServiceEvents;
  const clock = new ControllableClock();

  beforeEach(async () => {
    test = await createTestStore(dialect, 'events');
    store = openDatabase<Db>(test.config);
    await migrateToLatest(store.db, store.dialect, {
      '000_events': eventTablesMigration,
      '001_thing': () => ({
        async up(db: Kysely<any>) {
          await db.schema.createTable('thing').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('n', 'integer').execute();
          await db.schema.createTable('effect').addColumn('event_id', 'text').execute();
        },
      }),
    });
    bus = new InProcessBus();
    events = new ServiceEvents({ service: 'test', db: store.db, dialect, bus, clock, logger: silentLogger(), relayPollIntervalMs: 50 });
    events.start();
  });

  afterEach(async () => {
    await events.stop();
    await bus.close();
    await store.close();
    await test.drop();
  });

  it('publishes an event only when its transaction commits, in order', async () => {
    const seen: EventEnvelope[] = [];
    await bus.subscribe({ consumer: 'probe', types: ['test.*'], handler: async ({ event }) => void seen.push(event) });
    await expect(
      events.transaction(store.db, async (trx, emit) => {
        await trx.insertInto('thing').values({ id: 'a', n: 1 }).execute();
        emit({ type: 'test.thing.created.v1', data: { id: 'a' } });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    for (let i = 0; i < 5; i++) {
      await events.transaction(store.db, async (trx, emit) => {
        await trx.insertInto('thing').values({ id: `t${i}`, n: i }).execute();
        emit({ type: 'test.thing.created.v1', subject: `t${i}`, data: { id: `t${i}` } });
      });
    }
    await events.relay.flush();
    expect(seen.map((e) => e.subject)).toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect(seen[0]).toMatchObject({ specversion: '1.0', source: '/retail-hub/test', type: 'test.thing.created.v1', datacontenttype: 'application/json' });
    const { n } = await store.db.selectFrom('thing').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(5);
  });

  it('keeps events in the outbox while the bus refuses them (the hub stopping), and publishes them on the next start', async () => {
    await bus.close();
    await events.transaction(store.db, async (_trx, emit) => emit({ type: 'test.thing.created.v1', subject: 'kept', data: { id: 'kept' } }));
    await events.relay.flush();
    const unpublished = await store.db.selectFrom('outbox').select('subject').where('published_at', 'is', null).execute();
    expect(unpublished.map((r) => r.subject)).toEqual(['kept']);

    const nextBus = new InProcessBus();
    const seen: string[] = [];
    await nextBus.subscribe({ consumer: 'probe', types: ['test.*'], handler: async ({ event }) => void seen.push(event.subject!) });
    const next = new ServiceEvents({ service: 'test', db: store.db, dialect, bus: nextBus, clock, logger: silentLogger() });
    await next.relay.flush();
    expect(seen).toEqual(['kept']);
    await next.stop();
    await nextBus.close();
  });

  it('applies a redelivered event once (inbox), and dead-letters one that keeps failing, for replay', async () => {
    let failuresLeft = 100;
    await events.consume<Db>({
      name: 'effects',
      types: ['test.thing.created.v1'],
      db: store.db,
      maxDeliver: 3,
      backoffMs: [1],
      handle: async (event, trx) => {
        if ((event.data as { id: string }).id === 'poison' && failuresLeft-- > 0) throw new Error('cannot handle');
        await trx.insertInto('effect').values({ event_id: event.id }).execute();
      },
    });
    const envelope: EventEnvelope = { specversion: '1.0', id: 'evt-1', type: 'test.thing.created.v1', source: 'x', time: clock.now().toISOString(), datacontenttype: 'application/json', data: { id: 'a' } };
    await bus.publish([envelope]);
    await bus.publish([envelope]);
    await bus.publish([{ ...envelope, id: 'evt-poison', data: { id: 'poison' } }]);
    const effects = await store.db.selectFrom('effect').selectAll().execute();
    expect(effects.map((e) => e.event_id)).toEqual(['evt-1']);
    const dead = await store.db.selectFrom('event_dead_letter').selectAll().execute();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ consumer: 'effects', event_id: 'evt-poison', attempts: 3 });

    failuresLeft = 0;
    const replay = await replayDeadLetters<Db>({
      name: 'effects',
      db: store.db,
      clock,
      handle: async (event, trx) => void (await trx.insertInto('effect').values({ event_id: event.id }).execute()),
    });
    expect(replay).toEqual({ replayed: 1, failed: 0 });
    const again = await replayDeadLetters<Db>({ name: 'effects', db: store.db, clock, handle: async () => undefined });
    expect(again).toEqual({ replayed: 0, failed: 0 });
    expect((await store.db.selectFrom('effect').selectAll().execute()).map((e) => e.event_id).sort()).toEqual(['evt-1', 'evt-poison']);
  });

  it('handles a run of events in one transaction, once each, and a failed run one event at a time', async () => {
    const runs: string[][] = [];
    const insertEffects = (trx: Transaction<Db>, handled: EventEnvelope[]) => trx.insertInto('effect').values(handled.map((e) => ({ event_id: e.id }))).execute();
    await events.consume<Db>({
      name: 'effects',
      types: ['test.thing.created.v1'],
      db: store.db,
      maxDeliver: 2,
      backoffMs: [1],
      handle: async (event, trx) => {
        if (event.id === 'evt-poison') throw new Error('cannot handle');
        await insertEffects(trx, [event]);
      },
      handleRun: async (run, trx) => {
        runs.push(run.map((e) => e.id));
        // Written before the failure: the run's transaction must take it back.
        await insertEffects(trx, run);
        if (run.some((e) => e.id === 'evt-poison')) throw new Error('cannot handle');
      },
    });
    const envelope = (id: string): EventEnvelope => ({ specversion: '1.0', id, type: 'test.thing.created.v1', source: 'x', time: clock.now().toISOString(), datacontenttype: 'application/json', data: { id } });
    await bus.publish([envelope('evt-1')]);
    await bus.publish(['evt-1', 'evt-2', 'evt-3', 'evt-2'].map(envelope));
    await bus.publish(['evt-4', 'evt-poison', 'evt-5'].map(envelope));

    expect(runs).toEqual([
      ['evt-2', 'evt-3'],
      ['evt-4', 'evt-poison', 'evt-5'],
    ]);
    const effects = await store.db.selectFrom('effect').selectAll().execute();
    expect(effects.map((e) => e.event_id).sort()).toEqual(['evt-1', 'evt-2', 'evt-3', 'evt-4', 'evt-5']);
    const dead = await store.db.selectFrom('event_dead_letter').selectAll().execute();
    expect(dead.map((d) => [d.event_id, d.attempts])).toEqual([['evt-poison', 2]]);
  });

  it('publishes what a crashed process left in the outbox when the relay starts again', async () => {
    await events.stop();
    await store.db.transaction().execute(async (trx) => {
      await events.write(trx, [{ type: 'test.thing.created.v1', data: { id: 'left-behind' } }]);
    });
    const seen: string[] = [];
    await bus.subscribe({ consumer: 'probe', types: ['test.*'], handler: async ({ event }) => void seen.push((event.data as { id: string }).id) });
    const restarted = new ServiceEvents({ service: 'test', db: store.db, dialect, bus, clock, logger: silentLogger(), relayPollIntervalMs: 20 });
    restarted.start();
    await vi.waitFor(() => expect(seen).toEqual(['left-behind']), { timeout: 10_000, interval: 20 });
    await restarted.stop();
    expect(seen).toEqual(['left-behind']);
    const pending = await sql<{ n: number }>`select count(*) as n from outbox where published_at is null`.execute(store.db);
    expect(Number(pending.rows[0]!.n)).toBe(0);
  });
});
