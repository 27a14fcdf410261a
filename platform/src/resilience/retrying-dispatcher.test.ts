// The retrying dispatcher against a remote that goes down and comes back: retries, breaker, dead letters, pacing.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../telemetry/logger.js';
import { ControllableClock } from '../time/clock.js';
import { RetryingDispatcher, type DispatchQueue, type FailedItem, type QueuedItem } from './retrying-dispatcher.js';

interface Item extends QueuedItem {
  status: 'waiting' | 'done' | 'dead';
  dueAt: number;
  error?: string;
}

/** A queue in memory, standing in for a service's table. */
function memoryQueue(n: number): DispatchQueue<Item, string> & { items: Item[] } {
  const items: Item[] = Array.from({ length: n }, (_, i) => ({ id: `P${i}`, attempts: 0, status: 'waiting', dueAt: 0 }));
  return {
    items,
    async due(now, limit) {
      return items.filter((i) => i.status === 'waiting' && i.dueAt <= now.getTime()).slice(0, limit).map((i) => ({ ...i }));
    },
    async delivered(batch) {
      for (const b of batch) items.find((i) => i.id === b.id)!.status = 'done';
    },
    async failed(failures: FailedItem<Item>[]) {
      for (const f of failures) Object.assign(items.find((i) => i.id === f.item.id)!, { attempts: f.attempts, error: f.error, status: f.retryAt ? 'waiting' : 'dead', dueAt: f.retryAt?.getTime() ?? 0 });
    },
  };
}

/** A remote that books each id once and can be switched off. */
function remote() {
  const booked = new Map<string, number>();
  const sends: { at: number; n: number }[] = [];
  const state = { down: false, probes: 0, refuse: new Set<string>() };
  return {
    booked,
    sends,
    state,
    async send(items: Item[]) {
      if (state.down) throw new Error('remote down');
      const refused = items.findIndex((i) => state.refuse.has(i.id));
      if (refused >= 0) throw Object.assign(new Error(`refused ${items[refused]!.id}`), { index: refused });
      sends.push({ at: performance.now(), n: items.length });
      for (const i of items) booked.set(i.id, (booked.get(i.id) ?? 0) + 1);
      return items.map((i) => `DOC-${i.id}`);
    },
    async probe() {
      state.probes++;
      if (state.down) throw new Error('remote down');
    },
  };
}

function dispatcher(queue: ReturnType<typeof memoryQueue>, r: ReturnType<typeof remote>, clock: ControllableClock, extra: Partial<ConstructorParameters<typeof RetryingDispatcher<Item, string>>[0]> = {}) {
  return new RetryingDispatcher<Item, string>({
    name: 'test',
    queue,
    send: (items) => r.send(items),
    probe: () => r.probe(),
    classify: (error) => (typeof (error as { index?: number }).index === 'number' ? { kind: 'rejected', index: (error as { index: number }).index, message: (error as Error).message } : { kind: 'transient' }),
    clock,
    logger: silentLogger(),
    batchSize: 10,
    ratePerSecond: 10_000,
    breaker: { failureThreshold: 3, openMs: 20, maxOpenMs: 50 },
    backoff: { baseMs: 1000, capMs: 10_000 },
    ...extra,
  });
}

describe('RetryingDispatcher', () => {
  it('sends everything due in batches, each item once', async () => {
    const queue = memoryQueue(35);
    const r = remote();
    await dispatcher(queue, r, new ControllableClock()).drain();
    expect(r.sends.map((s) => s.n)).toEqual([10, 10, 10, 5]);
    expect([...r.booked.values()].every((n) => n === 1)).toBe(true);
    expect(queue.items.every((i) => i.status === 'done')).toBe(true);
  });

  it('backs off failed items, opens the breaker, probes instead of sending, and drains once the remote answers', async () => {
    const queue = memoryQueue(100);
    const r = remote();
    const clock = new ControllableClock(new Date('2026-01-01T00:00:00Z'));
    const d = dispatcher(queue, r, clock);
    r.state.down = true;
    expect(await d.drain()).toBe('blocked');
    expect(d.breakerState).toBe('open');
    // Three batches failed before the breaker opened; their retries are in the future, the rest untouched.
    expect(queue.items.filter((i) => i.attempts === 1)).toHaveLength(30);
    expect(queue.items.filter((i) => i.attempts === 1).every((i) => i.dueAt > clock.now().getTime())).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    expect(await d.drain()).toBe('blocked');
    expect(r.state.probes).toBe(1);
    expect(r.sends).toHaveLength(0);
    r.state.down = false;
    await new Promise((r) => setTimeout(r, 60));
    expect(await d.drain()).toBe('idle');
    expect(d.breakerState).toBe('closed');
    expect(queue.items.filter((i) => i.status === 'done')).toHaveLength(70);
    clock.advance(60_000);
    await d.drain();
    expect(queue.items.every((i) => i.status === 'done')).toBe(true);
    expect([...r.booked.values()].every((n) => n === 1)).toBe(true);
  });

  it('dead-letters an item after the last attempt, and one the remote refuses at once', async () => {
    const queue = memoryQueue(3);
    const r = remote();
    const clock = new ControllableClock(new Date('2026-01-01T00:00:00Z'));
    const d = dispatcher(queue, r, clock, { maxAttempts: 2, breaker: { failureThreshold: 100 } });
    r.state.down = true;
    await d.drain();
    clock.advance(60_000);
    await d.drain();
    expect(queue.items.map((i) => [i.status, i.attempts])).toEqual([['dead', 2], ['dead', 2], ['dead', 2]]);
    const second = memoryQueue(3);
    r.state.down = false;
    r.state.refuse.add('P1');
    await dispatcher(second, r, clock).drain();
    expect(second.items.map((i) => i.status)).toEqual(['done', 'dead', 'done']);
    expect(second.items[1]!.error).toBe('refused P1');
  });

  it('counts a send the remote never answers as failed, and goes on', async () => {
    const queue = memoryQueue(15);
    const r = remote();
    const clock = new ControllableClock(new Date('2026-01-01T00:00:00Z'));
    let hung = 0;
    const d = dispatcher(queue, r, clock, {
      sendTimeoutMs: 50,
      // The first batch's call hangs for good; the rest are answered.
      send: (items) => (hung++ === 0 ? new Promise<string[]>(() => undefined) : r.send(items)),
    });
    expect(await d.drain()).toBe('idle');
    expect(queue.items.slice(0, 10).map((i) => [i.status, i.attempts, i.error])).toEqual(Array.from({ length: 10 }, () => ['waiting', 1, 'test: no answer to the send in 50 ms']));
    expect(queue.items.slice(10).every((i) => i.status === 'done')).toBe(true);
    clock.advance(60_000);
    await d.drain();
    expect(queue.items.every((i) => i.status === 'done')).toBe(true);
  });

  it('never sends faster than its rate', async () => {
    const queue = memoryQueue(60);
    const r = remote();
    await dispatcher(queue, r, new ControllableClock(), { ratePerSecond: 100, batchSize: 10 }).drain();
    // A burst of one batch, then 10 items per 100 ms: the last batch goes out no sooner than 500 ms after the first.
    expect(r.sends.at(-1)!.at - r.sends[0]!.at).toBeGreaterThanOrEqual(450);
  });
});
