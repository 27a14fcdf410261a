// The live feed: fans out bus events to open streams, and lets a subscriber resume without gaps (buffer, then durable history).
import { describe, expect, it } from 'vitest';
import { createEnvelope, type EventEnvelope } from '../events/envelope.js';
import { InProcessBus } from '../events/in-process-bus.js';
import { silentLogger } from '../telemetry/logger.js';
import { ControllableClock } from '../time/clock.js';
import { LiveEventFeed, type LiveEvent } from './live-event-feed.js';
import type { FeedHistory } from './outbox-history.js';

const clock = new ControllableClock();
const event = (n: number): EventEnvelope => createEnvelope('test', { type: 'test.thing.created.v1', subject: `T-${n}`, data: { n } }, clock);
const numbers = (items: LiveEvent[]) => items.map((i) => (i.event.data as { n: number }).n);

async function take(stream: AsyncIterator<LiveEvent>, count: number): Promise<LiveEvent[]> {
  const out: LiveEvent[] = [];
  while (out.length < count) out.push((await stream.next()).value as LiveEvent);
  return out;
}

async function feedWith(options: { history?: FeedHistory; replayCapacity?: number; streamCapacity?: number } = {}) {
  const bus = new InProcessBus();
  const feed = new LiveEventFeed({ bus, consumer: 'test-live', types: ['test.*'], logger: silentLogger(), ...options });
  await feed.start();
  const publish = async (...ns: number[]) => {
    await bus.publish(ns.map(event));
    await new Promise((r) => setImmediate(r));
  };
  return { feed, publish };
}

describe('LiveEventFeed', () => {
  it('gives each stream the live events its filter accepts, with increasing positions', async () => {
    const { feed, publish } = await feedWith();
    const odd = await feed.open((i) => (i.event.data as { n: number }).n % 2 === 1);
    const all = await feed.open(() => true);
    await publish(1, 2, 3);
    expect(numbers(await take(odd, 2))).toEqual([1, 3]);
    const everything = await take(all, 3);
    expect(numbers(everything)).toEqual([1, 2, 3]);
    expect(everything.map((i) => i.cursor.seq)).toEqual([1, 2, 3]);
    await odd.return();
    expect(feed.openStreams).toBe(1);
  });

  it('replays from its buffer what came after a cursor of its own epoch', async () => {
    const { feed, publish } = await feedWith();
    const first = await feed.open(() => true);
    await publish(1, 2);
    const [, second] = await take(first, 2);
    await first.return();
    await publish(3, 4);
    const resumed = await feed.open(() => true, second!.cursor);
    await publish(5);
    expect(numbers(await take(resumed, 3))).toEqual([3, 4, 5]);
  });

  it('reads a cursor of another epoch (a restart) back from durable history, then the buffer, once each', async () => {
    const older = [event(10), event(11), event(12)];
    const asked: unknown[] = [];
    const history: FeedHistory = async (after) => (asked.push(after), older.slice(1));
    const { feed, publish } = await feedWith({ history });
    await publish(13);
    const cursor = { epoch: 'before-the-restart', seq: 99, id: older[0]!.id, time: older[0]!.time };
    const resumed = await feed.open(() => true, cursor);
    expect(asked).toEqual([{ id: older[0]!.id, time: older[0]!.time }]);
    await publish(14);
    expect(numbers(await take(resumed, 4))).toEqual([11, 12, 13, 14]);
  });

  it('ends a stream that falls too far behind, so its subscriber resumes rather than the service running out of memory', async () => {
    const { feed, publish } = await feedWith({ streamCapacity: 2 });
    const stream = await feed.open(() => true);
    await publish(1, 2, 3);
    await expect(stream.next()).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } });
    expect(feed.openStreams).toBe(0);
  });

  it('completes open streams when it stops', async () => {
    const { feed } = await feedWith();
    const stream = await feed.open(() => true);
    await feed.stop();
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });
});
