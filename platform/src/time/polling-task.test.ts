import { describe, expect, it, vi } from 'vitest';
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

  it('gathers a burst of kicks into one pass after kickDelayMs, and waits after a pass as delayAfter says', async () => {
    const passes: number[] = [];
    const started = Date.now();
    const task = new PollingTask({
      name: 'test pass',
      intervalMs: 3_600_000,
      logger: silentLogger(),
      kickDelayMs: 60,
      pass: async () => passes.push(Date.now() - started),
      // After the second pass, come back soon by itself (as a dispatcher does for its breaker's probe).
      delayAfter: (count) => (count === 2 ? 40 : 3_600_000),
    });
    task.start();
    await settle();
    expect(passes).toHaveLength(1);
    const kickedAt = Date.now() - started;
    for (let i = 0; i < 5; i++) {
      task.kick();
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(passes).toHaveLength(1);
    await vi.waitFor(() => expect(passes).toHaveLength(3), { timeout: 2000, interval: 5 });
    // One pass for the five kicks, no sooner than the delay after the first kick; the third came by delayAfter alone.
    expect(passes[1]! - kickedAt).toBeGreaterThanOrEqual(55);
    expect(passes[2]! - passes[1]!).toBeGreaterThanOrEqual(35);
    await new Promise((r) => setTimeout(r, 100));
    expect(passes).toHaveLength(3);
    await task.stop();
  });
});
