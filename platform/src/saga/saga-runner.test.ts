// The saga runner on SQLite and PostgreSQL: order, compensation in reverse, and recovery of a saga whose process died.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';
import { createTestStore, TEST_DIALECTS, type TestStore } from '../store/test-stores.js';
import { silentLogger } from '../telemetry/logger.js';
import { ControllableClock } from '../time/clock.js';
import { within } from '../testing/within.js';
import { SagaRunner } from './saga-runner.js';
import { SagaAbort, type Workflow } from './saga-step.js';
import { sagaTablesMigration, type SagaTables } from './saga-tables.js';

interface Trip {
  city: string;
  hotel?: string;
  flight?: string;
  failAt?: string;
}

/** What the steps did, in order: the "remote systems" of these tests. */
let log: string[] = [];
let compensationDown = false;

function tripWorkflow(): Workflow<Trip> {
  return {
    name: 'book-trip',
    steps: [
      { name: 'check-city', checkpoint: false, run: async (s) => void (s.city === '' ? (() => { throw new Error('no city'); })() : log.push('check')) },
      {
        name: 'book-hotel',
        run: async (s) => {
          log.push('hotel');
          return { hotel: `H-${s.city}` };
        },
        compensate: async (s) => {
          if (compensationDown) throw new Error('hotel system down');
          log.push(`cancel ${s.hotel ?? 'nothing'}`);
        },
      },
      {
        name: 'book-flight',
        run: async (s) => {
          if (s.failAt === 'book-flight') throw new SagaAbort({ code: 'NO_SEATS' });
          log.push('flight');
          return { flight: `F-${s.city}` };
        },
        compensate: async (s) => void log.push(`cancel ${s.flight ?? 'no flight'}`),
      },
      {
        name: 'confirm',
        run: async (s) => {
          if (s.failAt === 'confirm') throw new Error('mail server down');
          log.push(`confirm ${s.hotel}+${s.flight}`);
        },
      },
    ],
  };
}

describe.each(TEST_DIALECTS)('saga runner on %s', (dialect) => {
  let store: TestStore;
  let database: Database<SagaTables>;
  const clock = new ControllableClock(new Date('2026-05-01T10:00:00Z'));
  const runner = (pauseAfter?: string) => new SagaRunner({ db: database.db, clock, logger: silentLogger(), workflows: [tripWorkflow()], leaseMs: 5000, pauseAfter });
  const row = (id: string) => database.db.selectFrom('saga').selectAll().where('id', '=', id).executeTakeFirst();

  beforeAll(async () => {
    store = await createTestStore(dialect, 'saga');
    database = openDatabase<SagaTables>(store.config);
    await migrateToLatest(database.db, database.dialect, { '001_saga': () => sagaTablesMigration() });
  });
  afterAll(async () => {
    await database?.close();
    await store?.drop();
  });

  it('runs the steps in order and saves the state of a finished saga', async () => {
    log = [];
    const outcome = await runner().run(tripWorkflow(), 'S1', { city: 'Oslo' });
    expect(outcome).toEqual({ status: 'completed', state: { city: 'Oslo', hotel: 'H-Oslo', flight: 'F-Oslo' } });
    expect(log).toEqual(['check', 'hotel', 'flight', 'confirm H-Oslo+F-Oslo']);
    expect(await row('S1')).toMatchObject({ status: 'COMPLETED', workflow: 'book-trip' });
  });

  it('throws a failure before the first step with effects and saves nothing', async () => {
    let claimed = false;
    await expect(runner().run(tripWorkflow(), 'S2', { city: '' }, { beforePersist: async () => void (claimed = true) })).rejects.toThrow('no city');
    expect(claimed).toBe(false);
    expect(await row('S2')).toBeUndefined();
  });

  it('undoes the steps before one that aborts (it refused without effects), last first', async () => {
    log = [];
    const outcome = await runner().run(tripWorkflow(), 'S3', { city: 'Rome', failAt: 'book-flight' });
    expect(outcome).toMatchObject({ status: 'compensated', pending: false, error: { outcome: { code: 'NO_SEATS' } } });
    expect(log).toEqual(['check', 'hotel', 'cancel H-Rome']);
    expect(await row('S3')).toMatchObject({ status: 'COMPENSATED' });
  });

  it('also undoes a step that failed unexpectedly: it may have done part of its work', async () => {
    log = [];
    const failing = tripWorkflow();
    failing.steps[2] = { ...failing.steps[2]!, run: async () => Promise.reject(new Error('airline timed out')) };
    const outcome = await runner().run(failing, 'S3b', { city: 'Oran' });
    expect(outcome).toMatchObject({ status: 'compensated', error: { message: 'airline timed out' } });
    expect(log).toEqual(['check', 'hotel', 'cancel no flight', 'cancel H-Oran']);
  });

  it('lets a resumed saga wait out a transient failure instead of undoing itself', async () => {
    log = [];
    let airlineUp = false;
    const flaky = tripWorkflow();
    flaky.steps[2] = { ...flaky.steps[2]!, run: async (s) => (airlineUp ? (log.push('flight'), { flight: `F-${s.city}` }) : Promise.reject(Object.assign(new Error('airline down'), { transient: true }))) };
    const transient = (e: unknown) => (e as { transient?: boolean }).transient === true;
    void runner('book-hotel').run(flaky, 'S3c', { city: 'Graz' });
    await vi.waitFor(async () => expect((await row('S3c'))?.step_index, 'the saga past book-hotel').toBe(2), within(5_000));
    clock.advance(6000);
    const recovering = () => new SagaRunner({ db: database.db, clock, logger: silentLogger(), workflows: [flaky], leaseMs: 5000, isTransient: transient });
    await recovering().recoverNow();
    expect(await row('S3c')).toMatchObject({ status: 'RUNNING', step_index: 2 });
    expect(log).toEqual(['check', 'hotel']);
    airlineUp = true;
    clock.advance(6000);
    await recovering().recoverNow();
    expect(await row('S3c')).toMatchObject({ status: 'COMPLETED' });
    expect(log).toEqual(['check', 'hotel', 'flight', 'confirm H-Graz+F-Graz']);
  });

  it('writes the first save together with the caller\'s own write, and not at all when that write refuses', async () => {
    await expect(
      runner().run(tripWorkflow(), 'S4', { city: 'Lima' }, {
        beforePersist: async (trx) => {
          await trx.insertInto('saga').values({ id: 'S4-marker', workflow: 'x', status: 'COMPLETED', step_index: 0, in_step: 0, state: '{}', error: null, recoveries: 0, lease_until: '', created_at: '', updated_at: '' }).execute();
          throw new Error('key taken');
        },
      }),
    ).rejects.toThrow('key taken');
    expect(await row('S4')).toBeUndefined();
    expect(await row('S4-marker')).toBeUndefined();
  });

  it('finishes a saga whose process died after a step, without running that step again', async () => {
    log = [];
    // The live run stops for good after book-hotel, as the HUB_TEST_PAUSE_SAGA_AT switch makes it.
    void runner('book-hotel').run(tripWorkflow(), 'S5', { city: 'Kyiv' });
    await vi.waitFor(async () => expect((await row('S5'))?.step_index, 'the saga past its paused step').toBe(2), within(5_000));
    expect(log).toEqual(['check', 'hotel']);
    const afterCrash = runner();
    expect(await afterCrash.recoverNow()).toBe(0);
    clock.advance(6000);
    expect(await afterCrash.recoverNow()).toBe(1);
    expect(log).toEqual(['check', 'hotel', 'flight', 'confirm H-Kyiv+F-Kyiv']);
    expect(await row('S5')).toMatchObject({ status: 'COMPLETED', recoveries: 1 });
  });

  it('compensates a recovered saga whose next step fails', async () => {
    log = [];
    void runner('book-flight').run(tripWorkflow(), 'S6', { city: 'Baku', failAt: 'confirm' });
    await vi.waitFor(async () => expect((await row('S6'))?.step_index, 'the saga past its paused step').toBe(3), within(5_000));
    clock.advance(6000);
    await runner().recoverNow();
    expect(log).toEqual(['check', 'hotel', 'flight', 'cancel F-Baku', 'cancel H-Baku']);
    expect(await row('S6')).toMatchObject({ status: 'COMPENSATED' });
  });

  it('leaves an unfinished compensation to recovery, which finishes it once the system is back', async () => {
    log = [];
    compensationDown = true;
    const outcome = await runner().run(tripWorkflow(), 'S7', { city: 'Nice', failAt: 'book-flight' });
    expect(outcome).toMatchObject({ status: 'compensated', pending: true });
    expect(await row('S7')).toMatchObject({ status: 'COMPENSATING', step_index: 1 });
    compensationDown = false;
    clock.advance(6000);
    await runner().recoverNow();
    expect(log).toEqual(['check', 'hotel', 'cancel H-Nice']);
    expect(await row('S7')).toMatchObject({ status: 'COMPENSATED' });
  });

  it('leaves a saga FAILED after too many recoveries, and tells its workflow once', async () => {
    log = [];
    const failed: string[] = [];
    const stuck = tripWorkflow();
    stuck.steps[2] = { ...stuck.steps[2]!, run: async () => Promise.reject(Object.assign(new Error('airline down'), { transient: true })) };
    stuck.onFailed = async (s) => void failed.push(s.city);
    void runner('book-hotel').run(stuck, 'S9', { city: 'Bern' });
    await vi.waitFor(async () => expect((await row('S9'))?.step_index, 'the saga past book-hotel').toBe(2), within(5_000));
    const recovering = () => new SagaRunner({ db: database.db, clock, logger: silentLogger(), workflows: [stuck], leaseMs: 5000, isTransient: (e) => (e as { transient?: boolean }).transient === true, maxRecoveries: 2 });
    for (let i = 0; i < 4; i++) {
      clock.advance(6000);
      await recovering().recoverNow();
    }
    expect(await row('S9')).toMatchObject({ status: 'FAILED' });
    expect(failed).toEqual(['Bern']);
    // Nothing was undone: a person decides.
    expect(log).toEqual(['check', 'hotel']);
  });

  it('lets only one of two recovering processes take a saga', async () => {
    log = [];
    void runner('book-hotel').run(tripWorkflow(), 'S8', { city: 'Pisa' });
    await vi.waitFor(async () => expect((await row('S8'))?.step_index, 'the saga past its paused step').toBe(2), within(5_000));
    clock.advance(6000);
    const [a, b] = await Promise.all([runner().recoverNow(), runner().recoverNow()]);
    expect(a + b).toBe(1);
    expect(log.filter((l) => l === 'flight')).toHaveLength(1);
  });
});
