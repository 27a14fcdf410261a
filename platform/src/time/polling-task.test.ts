import { describe, expect, it } from 'vitest';
import { silentLogger } from '../telemetry/logger.js';
import { PollingTask } from './polling-task.js';

describe('PollingTask', () => {
  it('never overlaps passes, runs a fresh pass for a caller that asks during one, and stops after the pass in flight', async () => {
    let inFlight = 0;
    let most = 0;
    let passes = 0;
    let release!: () => void;
    const task = new PollingTask({
      name: 'test pass',
      intervalMs: 3_600_000,
      logger: silentLogger(),
      pass: async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise<void>((r) => (release = r));
        inFlight--;
        return ++passes;
      },
    });
    const first = task.runNow();
    const second = task.runNow();
    await new Promise((r) => setTimeout(r, 10));
    release();
    expect(await first).toBe(1);
    await new Promise((r) => setTimeout(r, 10));
    release();
    expect(await second).toBe(2);
    expect(most).toBe(1);

    task.start();
    await new Promise((r) => setTimeout(r, 10));
    expect(task.running).toBe(true);
    const stopped = task.stop();
    expect(task.running).toBe(false);
    release();
    await stopped;
    expect(passes).toBe(3);
  });

  it('runs one pass soon for any number of kicks, right after the timed pass in flight, and none before start', async () => {
    let passes = 0;
    let release: (() => void) | null = null;
    const task = new PollingTask({
      name: 'test pass',
      intervalMs: 3_600_000,
      logger: silentLogger(),
      pass: async () => {
        passes++;
        await new Promise<void>((r) => (release = r));
        release = null;
      },
    });
    const settle = () => new Promise((r) => setTimeout(r, 20));
    task.kick();
    await settle();
    expect(passes).toBe(0);

    task.start();
    await settle();
    expect(passes).toBe(1);
    for (let i = 0; i < 5; i++) task.kick();
    release!();
    await settle();
    expect(passes).toBe(2);
    release!();
    await settle();
    // Idle until the hour-long interval, until a kick.
    expect(passes).toBe(2);
    task.kick();
    await settle();
    expect(passes).toBe(3);
    const stopped = task.stop();
    release!();
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
