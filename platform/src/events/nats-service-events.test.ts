// Outbox, relay, NATS bus and inbox together: events written in a transaction reach a consumer that applies each once.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Kysely } from 'kysely';
import { openDatabase, type Database } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';
import { createTestStore, type TestStore } from '../store/test-stores.js';
import { silentLogger } from '../telemetry/logger.js';
import { ControllableClock } from '../time/clock.js';
import { eventTablesMigration, type EventTables } from './event-tables.js';
import { ServiceEvents } from './service-events.js';
import { createTestNatsBus, withNats, type TestNatsBus } from './nats-test-kit.js';
import { within } from '../testing/within.js';

interface Db extends EventTables {
  thing: { id: string; n: number };
  effect: { event_id: string };
}

/** Short enough that the test can outwait it and republish past JetStream's dedupe, onto the inbox. */
const DUPLICATE_WINDOW_MS = 1_000;

describe('service events on the NATS bus (sqlite)', () => {
  let test: TestStore;
  let store: Database<Db>;
  let nats: TestNatsBus;
  let events: ServiceEvents;
  const clock = new ControllableClock();

  beforeEach(async () => {
    test = await createTestStore('sqlite', 'nats-events');
    store = openDatabase<Db>(test.config);
    await migrateToLatest(store.db, store.dialect, {
      '000_events': eventTablesMigration,
      '001_thing': () => ({
        async up(db: Kysely<unknown>) {
          await db.schema.createTable('thing').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('n', 'integer').execute();
          await db.schema.createTable('effect').addColumn('event_id', 'text').execute();
        },
      }),
    });
    nats = await createTestNatsBus({ duplicateWindowMs: DUPLICATE_WINDOW_MS });
    events = new ServiceEvents({ service: 'test', db: store.db, dialect: store.dialect, bus: nats.bus, clock, logger: silentLogger(), relayPollIntervalMs: 50 });
    events.start();
  });

  afterEach(async () => {
    await events?.stop();
    await nats?.drop();
    await store?.close();
    await test?.drop();
  });

  it('publishes committed events only, and a consumer applies each exactly once despite republishing', async () => {
    let handled = 0;
    const delivered: string[] = [];
    await nats.bus.subscribe({ consumer: 'probe', types: ['test.*'], handler: async ({ event }) => void delivered.push(event.id) });
    await events.consume<Db>({
      name: 'effects',
      types: ['test.thing.*'],
      db: store.db,
      handle: async (event, trx) => {
        handled++;
        await trx.insertInto('effect').values({ event_id: event.id }).execute();
      },
    });

    await expect(
      events.transaction(store.db, async (trx, emit) => {
        await trx.insertInto('thing').values({ id: 'rolled-back', n: 0 }).execute();
        emit({ type: 'test.thing.created.v1', data: { id: 'rolled-back' } });
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
    const outbox = await store.db.selectFrom('outbox').select(['id', 'published_at']).orderBy('seq').execute();
    const ids = outbox.map((r) => r.id);
    expect(outbox.every((r) => r.published_at !== null)).toBe(true);
    await vi.waitFor(async () => expect((await effects()).sort()).toEqual([...ids].sort()), within(10_000, 25));
    expect(delivered).toEqual(ids);

    // A relay that lost track of what it published (crash before marking rows): JetStream drops the copies.
    await republish();
    await sleep(300);
    expect(delivered).toEqual(ids);

    // Past the duplicate window the copies are delivered again; the consumer's inbox keeps them from applying twice.
    await sleep(DUPLICATE_WINDOW_MS);
    await republish();
    await vi.waitFor(() => expect(delivered).toEqual([...ids, ...ids]), within(10_000, 25));
    await vi.waitFor(async () => expect(await ackedUpTo('effects')).toBe(10), within(10_000, 25));
    expect((await effects()).sort()).toEqual([...ids].sort());
    expect(handled).toBe(5);
    const dead = await store.db.selectFrom('event_dead_letter').selectAll().execute();
    expect(dead).toEqual([]);
  });

  async function effects(): Promise<string[]> {
    return (await store.db.selectFrom('effect').select('event_id').execute()).map((r) => r.event_id);
  }

  /** The stream sequence up to which a consumer has acknowledged everything. */
  async function ackedUpTo(consumer: string): Promise<number> {
    const info = await withNats(async (nc) => (await nc.jetstreamManager()).consumers.info(nats.stream, consumer));
    return info.ack_floor.stream_seq;
  }

  async function republish(): Promise<void> {
    await store.db.updateTable('outbox').set({ published_at: null }).execute();
    await events.relay.flush();
  }
});
