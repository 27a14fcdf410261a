// The NATS JetStream bus against a real server: order, dedupe, retries and dead letters, sharing, durability, live-only.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventEnvelope } from './envelope.js';
import type { Delivery } from './event-bus.port.js';
import { createTestNatsBus, testEvent, withNats, type TestNatsBus } from './nats-test-kit.js';
import { within } from '../testing/within.js';

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('NatsJetStreamBus', () => {
  let test: TestNatsBus;

  beforeEach(async () => {
    test = await createTestNatsBus({ ackWaitMs: 5_000 });
  });

  afterEach(async () => {
    await test?.drop();
  });

  it('delivers in publish order with the envelope intact, and stores id and traceparent as headers', async () => {
    const seen: EventEnvelope[] = [];
    await test.bus.subscribe({ consumer: 'probe', types: ['test.thing.*'], handler: async ({ event }) => void seen.push(event) });
    const events = Array.from({ length: 20 }, (_, i) => testEvent('test.thing.created.v1', { n: i, nested: { ok: true } }, { subject: `t${i}`, traceparent: TRACEPARENT }));
    await test.bus.publish(events);
    await vi.waitFor(() => expect(seen).toHaveLength(20), within(10_000, 25));
    expect(seen).toEqual(events);

    const stored = await withNats(async (nc) => (await nc.jetstreamManager()).streams.getMessage(test.stream, { seq: 1 }));
    expect(stored.subject).toBe(`${test.subjectPrefix}test.thing.created.v1`);
    expect(stored.header.get('Nats-Msg-Id')).toBe(events[0]!.id);
    expect(stored.header.get('traceparent')).toBe(TRACEPARENT);
  });

  it('drops a republished event id within the duplicate window', async () => {
    const seen: string[] = [];
    await test.bus.subscribe({ consumer: 'probe', types: ['test.*'], handler: async ({ event }) => void seen.push(event.id) });
    const [a, b] = [testEvent('test.thing.created.v1', { n: 1 }), testEvent('test.thing.created.v1', { n: 2 })];
    await test.bus.publish([a]);
    await test.bus.publish([a, b]); // a relay that crashed before marking `a` published
    await vi.waitFor(() => expect(seen).toEqual([a.id, b.id]), within(10_000, 25));
    await sleep(200);
    expect(seen).toEqual([a.id, b.id]);
    const info = await withNats(async (nc) => (await nc.jetstreamManager()).streams.info(test.stream));
    expect(info.state.messages).toBe(2);
  });

  it('retries with backoff, holding later events back, then dead-letters after maxDeliver', async () => {
    const calls: { id: string; attempt: number; at: number }[] = [];
    const dead: Delivery[] = [];
    const [flaky, poison, after] = ['flaky', 'poison', 'after'].map((id) => testEvent('test.thing.created.v1', { id }, { id }));
    await test.bus.subscribe({
      consumer: 'effects',
      types: ['test.thing.created.v1'],
      maxDeliver: 3,
      backoffMs: [100, 200],
      handler: async ({ event, attempt }) => {
        calls.push({ id: event.id, attempt, at: Date.now() });
        if (event.id === 'poison' || (event.id === 'flaky' && attempt === 1)) throw new Error(`cannot handle ${event.id}`);
      },
      onDeadLetter: async (delivery, error) => {
        expect((error as Error).message).toBe('cannot handle poison');
        dead.push(delivery);
      },
    });
    await test.bus.publish([flaky!, poison!, after!]);
    await vi.waitFor(() => expect(calls.map((c) => c.id)).toContain('after'), within(10_000, 25));
    expect(calls.map((c) => `${c.id}#${c.attempt}`)).toEqual(['flaky#1', 'flaky#2', 'poison#1', 'poison#2', 'poison#3', 'after#1']);
    const poisonAt = calls.filter((c) => c.id === 'poison').map((c) => c.at);
    expect(poisonAt[1]! - poisonAt[0]!).toBeGreaterThanOrEqual(90);
    expect(poisonAt[2]! - poisonAt[1]!).toBeGreaterThanOrEqual(190);
    expect(dead.map((d) => [d.event.id, d.attempt])).toEqual([['poison', 3]]);
    await sleep(400);
    expect(calls).toHaveLength(6); // terminated: not redelivered
  });

  it('keeps an event whose dead-letter write failed, and records it on redelivery without running the handler again', async () => {
    let handled = 0;
    const recorded: number[] = [];
    let failRecord = true;
    await test.bus.subscribe({
      consumer: 'effects',
      types: ['test.*'],
      maxDeliver: 2,
      backoffMs: [20],
      handler: async () => {
        handled++;
        throw new Error('always');
      },
      onDeadLetter: async ({ attempt }) => {
        if (failRecord) {
          failRecord = false;
          throw new Error('database down');
        }
        recorded.push(attempt);
      },
    });
    await test.bus.publish([testEvent('test.thing.created.v1', {})]);
    await vi.waitFor(() => expect(recorded).toEqual([3]), within(10_000, 25));
    expect(handled).toBe(2);
  });

  it('gives every consumer name every event, and splits the events between subscribers sharing a name', async () => {
    const byName: Record<string, string[]> = { audit: [], search: [] };
    for (const name of ['audit', 'search']) {
      await test.bus.subscribe({ consumer: name, types: ['test.*'], handler: async ({ event }) => void byName[name]!.push(event.id) });
    }
    const replicas: string[][] = [[], []];
    for (const seen of replicas) {
      await test.bus.subscribe({
        consumer: 'orders-service',
        types: ['test.*'],
        handler: async ({ event }) => {
          seen.push(event.id);
          await sleep(5);
        },
      });
    }
    const events = Array.from({ length: 30 }, (_, i) => testEvent('test.thing.created.v1', { i }));
    await test.bus.publish(events);
    const ids = events.map((e) => e.id);
    await vi.waitFor(() => {
      expect(byName.audit).toEqual(ids);
      expect(byName.search).toEqual(ids);
      expect(replicas[0]!.length + replicas[1]!.length).toBe(30);
    }, within(10_000, 25));
    await sleep(200);
    expect([...replicas[0]!, ...replicas[1]!].sort()).toEqual([...ids].sort());
    expect(replicas[0]!.length).toBeGreaterThan(0);
    expect(replicas[1]!.length).toBeGreaterThan(0);
  });

  it('resumes a durable consumer where it stopped, with what was published while it was away', async () => {
    const seen: string[] = [];
    const subscribe = () => test.bus.subscribe({ consumer: 'resumer', types: ['test.*'], handler: async ({ event }) => void seen.push(event.id) });
    const [e1, e2, e3] = [1, 2, 3].map((n) => testEvent('test.thing.created.v1', { n }));
    const first = await subscribe();
    await test.bus.publish([e1!]);
    await vi.waitFor(() => expect(seen).toEqual([e1!.id]), within(10_000, 25));
    await first.close();
    await test.bus.publish([e2!, e3!]);
    await sleep(200);
    expect(seen).toEqual([e1!.id]);
    await subscribe();
    await vi.waitFor(() => expect(seen).toEqual([e1!.id, e2!.id, e3!.id]), within(10_000, 25));
  });

  it('gives an ephemeral subscriber, on every replica, only what is published after it subscribed', async () => {
    const before = testEvent('test.thing.created.v1', { when: 'before' });
    await test.bus.publish([before]);
    const replicas: string[][] = [[], []];
    const subscriptions = [];
    for (const seen of replicas) {
      subscriptions.push(await test.bus.subscribe({ consumer: 'gateway-live', ephemeral: true, types: ['test.*'], handler: async ({ event }) => void seen.push(event.id) }));
    }
    const later = testEvent('test.thing.created.v1', { when: 'after' });
    await test.bus.publish([later]);
    await vi.waitFor(() => expect(replicas).toEqual([[later.id], [later.id]]), within(10_000, 25));
    await Promise.all(subscriptions.map((s) => s.close()));
    const left = await withNats(async (nc) => (await nc.jetstreamManager()).consumers.list(test.stream).next());
    expect(left).toEqual([]);
  });

  it('delivers only the subscribed types, in stream order, across several patterns', async () => {
    const seen: string[] = [];
    await test.bus.subscribe({ consumer: 'mixed', types: ['alpha.item.*', 'beta.item.created.v1'], handler: async ({ event }) => void seen.push(event.type) });
    const types = ['alpha.item.created.v1', 'gamma.item.created.v1', 'beta.item.created.v1', 'beta.item.deleted.v1', 'alpha.item.price.changed.v1', 'alpha.other.v1'];
    await test.bus.publish(types.map((t) => testEvent(t, {})));
    await vi.waitFor(() => expect(seen).toHaveLength(3), within(10_000, 25));
    await sleep(200);
    expect(seen).toEqual(['alpha.item.created.v1', 'beta.item.created.v1', 'alpha.item.price.changed.v1']);
  });

  it('lets a running handler finish on close, and does not hand its event out again', async () => {
    let finished = 0;
    let started = 0;
    await test.bus.subscribe({
      consumer: 'slow',
      types: ['test.*'],
      handler: async () => {
        started++;
        await sleep(300);
        finished++;
      },
    });
    await test.bus.publish([testEvent('test.thing.created.v1', {})]);
    await vi.waitFor(() => expect(started).toBe(1), within(10_000, 25));
    await test.bus.close();
    expect(finished).toBe(1);

    const again = await createTestNatsBus({ stream: test.stream, subjectPrefix: test.subjectPrefix });
    let redelivered = 0;
    await again.bus.subscribe({ consumer: 'slow', types: ['test.*'], handler: async () => void redelivered++ });
    await sleep(300);
    await again.bus.close();
    expect(redelivered).toBe(0);
  });
});
