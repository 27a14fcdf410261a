// Throw-away NATS buses for tests: a stream and subject prefix of their own per bus, deleted afterwards.
import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import type { EventEnvelope } from './envelope.js';
import { connectNatsBus, type NatsBusOptions, type NatsJetStreamBus } from './nats-bus.js';

/** The JetStream server tests use; it must be running (tests fail, never skip, without it). */
export function testNatsUrl(): string {
  return process.env.HUB_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
}

export interface TestNatsBus {
  bus: NatsJetStreamBus;
  stream: string;
  subjectPrefix: string;
  /** Closes the bus and deletes its stream. */
  drop(): Promise<void>;
}

/**
 * A bus on a stream nobody else uses. The prefix stays outside `hub.`, whose stream (HUB_EVENTS)
 * may exist on the same server: JetStream refuses streams with overlapping subjects.
 */
export async function createTestNatsBus(options: NatsBusOptions = {}): Promise<TestNatsBus> {
  const id = randomBytes(5).toString('hex');
  const stream = `HUB_TEST_${id}`;
  const subjectPrefix = `test-${id}.hub.`;
  const bus = await connectNatsBus({ servers: testNatsUrl(), stream, subjectPrefix, name: `hub-test-${id}`, ...options });
  return {
    bus,
    stream,
    subjectPrefix,
    drop: async () => {
      await bus.close();
      await withNats(async (nc) => {
        const jsm = await nc.jetstreamManager();
        await jsm.streams.delete(stream).catch(() => undefined);
      });
    },
  };
}

export async function withNats<T>(fn: (nc: NatsConnection) => Promise<T>): Promise<T> {
  const nc = await connect({ servers: testNatsUrl() });
  try {
    return await fn(nc);
  } finally {
    await nc.close();
  }
}

let counter = 0;

export function testEvent(type: string, data: unknown, overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  counter++;
  return {
    specversion: '1.0',
    id: `evt-${counter}-${randomBytes(4).toString('hex')}`,
    type,
    source: '/retail-hub/test',
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data,
    ...overrides,
  };
}
