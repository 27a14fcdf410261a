// The distributed mode's bus on NATS JetStream: durable, deduplicated by event id, ordered per consumer, with retries and dead letters.
import { connect, headers, type JetStreamClient, type JetStreamManager, type MsgHdrs, type NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { EventEnvelope } from './envelope.js';
import type { BusSubscription, EventBus, SubscribeOptions } from './event-bus.port.js';
import { ensureStream } from './nats-stream-setup.js';
import { openSubscription, type SubscriptionContext } from './nats-subscription.js';
import { subjectForType } from './nats-subjects.js';

export interface NatsBusOptions {
  /** NATS server URL, or several for a cluster. @default 'nats://127.0.0.1:4222' */
  servers?: string | string[];
  /** The JetStream stream holding every hub event. @default 'HUB_EVENTS' */
  stream?: string;
  /** An event of type T travels on `<prefix>T`; the stream captures `<prefix>>`. @default 'hub.' */
  subjectPrefix?: string;
  /**
   * How long JetStream remembers an event id, so a relay that crashed after publishing but before
   * marking its rows republishes without duplicates (consumers' inboxes cover anything later).
   * @default 600_000 (10 minutes)
   */
  duplicateWindowMs?: number;
  /** How long events stay for consumers that lag, start later or replay. @default 604_800_000 (7 days) */
  maxAgeMs?: number;
  /** Size cap of the stream; the oldest events go first. @default -1 (only maxAgeMs limits it) */
  maxBytes?: number;
  /** Stream replicas in a NATS cluster. @default 1 */
  replicas?: number;
  /** How long a delivery may stay unacknowledged before JetStream hands it out again (crashed or stuck handler). @default 30_000 */
  ackWaitMs?: number;
  /** Connection name the server shows. @default 'retail-hub' */
  name?: string;
  /** Where dead letters and consumer trouble are logged. @default none */
  logger?: Logger;
}

export type ResolvedNatsBusOptions = Required<Omit<NatsBusOptions, 'logger'>> & Pick<NatsBusOptions, 'logger'>;

export function resolveNatsBusOptions(options: NatsBusOptions = {}): ResolvedNatsBusOptions {
  return {
    servers: options.servers ?? 'nats://127.0.0.1:4222',
    stream: options.stream ?? 'HUB_EVENTS',
    subjectPrefix: options.subjectPrefix ?? 'hub.',
    duplicateWindowMs: options.duplicateWindowMs ?? 10 * 60_000,
    maxAgeMs: options.maxAgeMs ?? 7 * 24 * 3_600_000,
    maxBytes: options.maxBytes ?? -1,
    replicas: options.replicas ?? 1,
    ackWaitMs: options.ackWaitMs ?? 30_000,
    name: options.name ?? 'retail-hub',
    logger: options.logger,
  };
}

/** Connects, makes sure the stream exists with these settings, and returns the bus. */
export async function connectNatsBus(options: NatsBusOptions = {}): Promise<NatsJetStreamBus> {
  const settings = resolveNatsBusOptions(options);
  // Once connected, keep reconnecting for as long as the service runs; the first connect still fails fast.
  const nc = await connect({ servers: settings.servers, name: settings.name, maxReconnectAttempts: -1 });
  try {
    const jsm = await nc.jetstreamManager();
    await ensureStream(jsm, { ...settings, name: settings.stream });
    return new NatsJetStreamBus(nc, jsm, settings);
  } catch (error) {
    await nc.close();
    throw error;
  }
}

export class NatsJetStreamBus implements EventBus {
  private readonly js: JetStreamClient;
  private readonly subscriptions = new Set<BusSubscription>();
  private readonly encoder = new TextEncoder();
  private closing: Promise<void> | null = null;

  constructor(
    /** Exposed for operations and tests (stream info, cleanup); the bus owns it and drains it on close. */
    readonly connection: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly settings: ResolvedNatsBusOptions,
  ) {
    this.js = connection.jetstream();
  }

  /**
   * Resolves once JetStream has stored (or recognised as a duplicate) every event. Published
   * concurrently; one connection keeps them in order on the stream.
   */
  async publish(events: EventEnvelope[]): Promise<void> {
    const { stream, subjectPrefix } = this.settings;
    await Promise.all(
      events.map((event) =>
        this.js.publish(subjectForType(subjectPrefix, event.type), this.encoder.encode(JSON.stringify(event)), {
          msgID: event.id,
          headers: headersFor(event),
          expect: { streamName: stream },
        }),
      ),
    );
  }

  async subscribe(options: SubscribeOptions): Promise<BusSubscription> {
    const subscription = await openSubscription(this.context(), options);
    const tracked: BusSubscription = {
      close: async () => {
        this.subscriptions.delete(tracked);
        await subscription.close();
      },
    };
    this.subscriptions.add(tracked);
    return tracked;
  }

  /** Lets running handlers finish, hands back what was fetched but not started, then drains the connection. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((s) => s.close()));
      if (!this.connection.isClosed()) await this.connection.drain();
    })();
    return this.closing;
  }

  private context(): SubscriptionContext {
    const { stream, subjectPrefix, ackWaitMs, logger } = this.settings;
    return { nc: this.connection, js: this.js, jsm: this.jsm, stream, subjectPrefix, ackWaitMs, logger };
  }
}

function headersFor(event: EventEnvelope): MsgHdrs {
  const h = headers();
  h.set('Content-Type', 'application/cloudevents+json');
  // Lets tracing and tooling follow the event without parsing the body.
  if (event.traceparent) h.set('traceparent', event.traceparent);
  return h;
}
