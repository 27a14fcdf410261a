// The embedded mode's bus at the edges of a hub's life: held while services start, refusing events while they stop.
import { describe, expect, it } from 'vitest';
import { ControllableClock } from '../time/clock.js';
import { createEnvelope, type EventEnvelope } from './envelope.js';
import { BusClosedError } from './event-bus.port.js';
import { InProcessBus } from './in-process-bus.js';

const clock = new ControllableClock();
const event = (subject: string): EventEnvelope => createEnvelope('test', { type: 'test.thing.v1', subject, data: {} }, clock);
const settledSoon = async (promise: Promise<unknown>) => Promise.race([promise.then(() => 'settled', () => 'settled'), new Promise((r) => setTimeout(() => r('pending'), 50))]);

describe('the in-process bus', () => {
  it('held until open, delivers what was published before a later consumer subscribed', async () => {
    const bus = new InProcessBus(undefined, { heldUntilOpen: true });
    const early = bus.publish([event('e1')]);
    // A service started after the publisher subscribes now, before the hub opens the bus.
    const seen: string[] = [];
    await bus.subscribe({ consumer: 'late', types: ['test.*'], handler: async ({ event: e }) => void seen.push(e.subject!) });
    expect(await settledSoon(early)).toBe('pending');
    bus.open();
    await early;
    expect(seen).toEqual(['e1']);
    await bus.close();
  });

  it('refuses events once closing, so the publisher keeps them', async () => {
    const bus = new InProcessBus();
    await bus.subscribe({ consumer: 'c', types: ['test.*'], handler: async () => undefined });
    await bus.close();
    await expect(bus.publish([event('e1')])).rejects.toBeInstanceOf(BusClosedError);
  });

  it('wakes a held publish with a refusal when it closes before opening', async () => {
    const bus = new InProcessBus(undefined, { heldUntilOpen: true });
    const held = bus.publish([event('e1')]);
    await bus.close();
    await expect(held).rejects.toBeInstanceOf(BusClosedError);
  });

  it('does not report a run delivered when its consumer closes part-way, nor dead-letter what it was retrying', async () => {
    const bus = new InProcessBus();
    const seen: string[] = [];
    const deadLetters: string[] = [];
    const subscription = await bus.subscribe({
      consumer: 'stopping',
      types: ['test.*'],
      backoffMs: [10],
      handler: async ({ event: e }) => {
        seen.push(e.subject!);
        if (e.subject === 'e2') {
          // The service stops while this event fails: it is handed back, not given up on.
          await subscription.close();
          throw new Error('store closed');
        }
      },
      onDeadLetter: async ({ event: e }) => void deadLetters.push(e.subject!),
    });
    await expect(bus.publish([event('e1'), event('e2'), event('e3')])).rejects.toBeInstanceOf(BusClosedError);
    expect(seen).toEqual(['e1', 'e2']);
    expect(deadLetters).toEqual([]);
  });
});
