import { describe, expect, it } from 'vitest';
import { silentLogger } from '../telemetry/logger.js';
import { PollingTask } from './polling-task.js';

/** A task polling once an hour whose passes each wait for `release()`; counts passes and the most at once. */
function gatedTask() {
  const seen = { passes: 0, inFlight: 0, most: 0 };
  let waiting: (() => void) | null = null;
  const task = new PollingTask({
    name: 'test pass',
    intervalMs: 3_600_000,
    logger: silentLogger(),
    pass: async () => {
      const pass = ++seen.passes;
      seen.most = Math.max(seen.most, ++seen.inFlight);
      await new Promise<void>((r) => (waiting = r));
      seen.inFlight--;
      return pass;
    },
  });
  const release = () => waiting!();
  return { task, seen, release };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('PollingTask', () => {
  it('never overlaps passes, runs a fresh pass for a caller that asks during one, and stops after the pass in flight', async () => {
    const { task, seen, release } = gatedTask();
    const first = task.runNow();
    const second = task.runNow();
    await settle();
    release();
    expect(await first).toBe(1);
    await settle();
    release();
    expect(await second).toBe(2);
    expect(seen.most).toBe(1);

    task.start();
    await settle();
    expect(task.running).toBe(true);
    const stopped = task.stop();
    expect(task.running).toBe(false);
    release();
    await stopped;
    expect(seen.passes).toBe(3);
  });

  it('runs one pass soon for any number of kicks, right after the timed pass in flight, and none before start', async () => {
    const { task, seen, release } = gatedTask();
    task.kick();
    await settle();
    expect(seen.passes).toBe(0);

    task.start();
    await settle();
    expect(seen.passes).toBe(1);
    for (let i = 0; i < 5; i++) task.kick();
    release();
    await settle();
    expect(seen.passes).toBe(2);
    release();
    await settle();
    // Idle until the hour-long interval, until a kick.
    expect(seen.passes).toBe(2);
    task.kick();
    await settle();
    expect(seen.passes).toBe(3);
    const stopped = task.stop();
    release();
    await stopped;
  });

  it('logs a failed pass and keeps going', async () => {
    let calls = 0;
    const task = new PollingTask({ name: 'test pass', intervalMs: 5, logger: silentLogger(), pass: async () => { if (++calls === 1) throw new Error('boom'); } });
    task.start();
    await new Promise((r) => setTimeout(r, 100));
    await task.stop();
    expect(calls).toBeGreaterThan(1);
  });
});
