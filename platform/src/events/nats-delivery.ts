// What the NATS bus does with one delivered message: run the handler, then ack it, retry it later, or dead-letter it.
import type { JsMsg } from 'nats';
import type { Logger } from 'pino';
import { typeMatches, type EventEnvelope } from './envelope.js';
import { backoffFor, DEFAULT_MAX_DELIVER, type Delivery, type SubscribeOptions } from './event-bus.port.js';

/** Never throws: every path ends in ack, nak or term, so the consumer can move on. */
export async function deliverMessage(msg: JsMsg, options: SubscribeOptions, logger?: Logger): Promise<void> {
  const event = decode(msg);
  if (!event) {
    // Not an envelope (something else published under the prefix): no handler can use it, and retrying won't help.
    logger?.error({ consumer: options.consumer, subject: msg.subject, seq: msg.seq }, 'undecodable message on the event stream, dropped');
    msg.term();
    return;
  }
  // On servers before 2.10 a consumer with several types filters on their common prefix, so it sees others too.
  if (!options.types.some((pattern) => typeMatches(pattern, event.type))) {
    msg.ack();
    return;
  }
  const maxDeliver = options.maxDeliver ?? DEFAULT_MAX_DELIVER;
  const delivery: Delivery = { event, attempt: msg.info.deliveryCount };
  if (delivery.attempt > maxDeliver) {
    // The handler has had its tries: the process stopped mid-handler, or an earlier dead-letter write failed.
    await deadLetter(msg, delivery, new Error(`no outcome after ${maxDeliver} deliveries`), options, logger);
    return;
  }
  try {
    await options.handler(delivery);
    msg.ack();
  } catch (error) {
    if (delivery.attempt < maxDeliver) {
      // Redelivered by JetStream after the backoff, to this replica or another; the consumer waits for it (one in flight).
      msg.nak(backoffFor(delivery.attempt, options.backoffMs));
      return;
    }
    await deadLetter(msg, delivery, error, options, logger);
  }
}

async function deadLetter(msg: JsMsg, delivery: Delivery, error: unknown, options: SubscribeOptions, logger?: Logger): Promise<void> {
  const { consumer } = options;
  const { id: eventId, type } = delivery.event;
  logger?.warn({ err: error, consumer, eventId, type, attempt: delivery.attempt }, 'event dead-lettered');
  try {
    await options.onDeadLetter?.(delivery, error);
    msg.term();
  } catch (recordError) {
    // Recorded nowhere yet, so JetStream keeps it: redelivered after the backoff and dead-lettered again.
    logger?.error({ err: recordError, consumer, eventId, type }, 'dead letter not recorded; will retry');
    msg.nak(backoffFor(delivery.attempt, options.backoffMs));
  }
}

function decode(msg: JsMsg): EventEnvelope | null {
  try {
    const event = msg.json<EventEnvelope>();
    return typeof event?.id === 'string' && typeof event.type === 'string' ? event : null;
  } catch {
    return null;
  }
}
