// One subscription on the NATS bus: its JetStream consumer (durable or ephemeral) and the loop that feeds the handler.
import { ConsumerEvents, nanos, nuid, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { BusSubscription, SubscribeOptions } from './event-bus.port.js';
import { deliverMessage } from './nats-delivery.js';
import { createEphemeralConsumer, ensureDurableConsumer, supportsMultipleFilters, type ConsumerSettings } from './nats-stream-setup.js';
import { consumerNameFor, coveringFilter, filterForPattern } from './nats-subjects.js';

/** An ephemeral consumer whose process died without closing it is removed by the server after this long. */
const EPHEMERAL_INACTIVE_MS = 5 * 60_000;

export interface SubscriptionContext {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  subjectPrefix: string;
  ackWaitMs: number;
  logger?: Logger;
}

export async function openSubscription(ctx: SubscriptionContext, options: SubscribeOptions): Promise<BusSubscription> {
  const { jsm, js, stream, logger } = ctx;
  const settings = consumerSettings(ctx, options.types);
  const name = options.ephemeral
    ? await createEphemeralConsumer(jsm, stream, `${consumerNameFor(options.consumer)}_${nuid.next()}`, settings, EPHEMERAL_INACTIVE_MS)
    : await ensureDurableConsumer(jsm, stream, consumerNameFor(options.consumer), settings);

  const consumer = await js.consumers.get(stream, name);
  // One message at a time: the server holds one unacked delivery per consumer anyway (max_ack_pending 1).
  const messages = await consumer.consume({ max_messages: 1 });
  if (logger) logTrouble(messages, options.consumer, logger).catch(() => undefined);
  let closing = false;
  const loop = (async () => {
    for await (const msg of messages) {
      // Fetched but not started before close: hand it straight back rather than let it sit out the ack wait.
      if (closing) msg.nak();
      else await deliverMessage(msg, options, logger);
    }
  })().catch((err) => logger?.error({ err, consumer: options.consumer }, 'event consumer stopped'));

  return {
    close: async () => {
      if (closing) return loop;
      closing = true;
      await messages.close();
      await loop;
      if (options.ephemeral) await jsm.consumers.delete(stream, name).catch(() => undefined);
    },
  };
}

/** Missed heartbeats or a consumer deleted under us: the client keeps retrying, operators should know. */
async function logTrouble(messages: ConsumerMessages, consumer: string, logger: Logger): Promise<void> {
  const trouble = new Set<string>(Object.values(ConsumerEvents));
  for await (const status of await messages.status()) {
    if (trouble.has(status.type)) logger.warn({ consumer, status: status.type, detail: status.data }, 'event consumer trouble');
  }
}

/**
 * One consumer per subscription, at most one unacknowledged event at a time: the consumer sees its
 * events in stream order, a retried event holds back the ones after it (as in the in-process bus),
 * and replicas sharing the name take turns rather than race.
 */
function consumerSettings(ctx: SubscriptionContext, types: string[]): ConsumerSettings {
  if (types.length === 0) throw new Error('a subscription needs at least one event type');
  const filters = [...new Set(types.map((t) => filterForPattern(ctx.subjectPrefix, t)))];
  const several = filters.length > 1 && supportsMultipleFilters(ctx.nc);
  return {
    ack_wait: nanos(ctx.ackWaitMs),
    // The bus counts attempts itself (deliverMessage): a server-side cap would drop an event whose
    // dead-letter write failed, unrecorded. -1 keeps it until it is handled or recorded.
    max_deliver: -1,
    max_ack_pending: 1,
    filter_subject: several ? undefined : coveringFilter(filters),
    filter_subjects: several ? filters : undefined,
  };
}
