// The bus every service publishes to and consumes from: in-process for the embedded mode, NATS JetStream when distributed.
import type { EventEnvelope } from './envelope.js';

export interface Delivery {
  event: EventEnvelope;
  /** 1 on first delivery, counting up on redelivery. */
  attempt: number;
}

export interface SubscribeOptions {
  /** Durable consumer name; events are delivered to each consumer once (at least once). */
  consumer: string;
  /** Event types or prefixes ending in `.*`. */
  types: string[];
  handler: (delivery: Delivery) => Promise<void>;
  /**
   * Optional, for a consumer whose events are cheaper handled together: the bus may hand it a run of
   * consecutive events at once (the in-process bus does; NATS delivers one at a time). When it throws, none
   * of the run may have taken effect: the bus then delivers the run again event by event through `handler`,
   * so a bad event is retried and dead-lettered on its own.
   */
  runHandler?: (events: EventEnvelope[]) => Promise<void>;
  /** Attempts before the event is dead-lettered. @default 5 */
  maxDeliver?: number;
  /** Delay before each redelivery, in ms; the last repeats. @default [100, 500, 2000, 5000] */
  backoffMs?: number[];
  /** Called once an event has failed maxDeliver times; the bus then moves on. */
  onDeadLetter?: (delivery: Delivery, error: unknown) => Promise<void>;
  /** Live-only: receives events published from now on, keeps no position (subscription fan-out). */
  ephemeral?: boolean;
}

export interface BusSubscription {
  close(): Promise<void>;
}

export interface EventBus {
  /** Resolves once the bus holds the events durably (in-process: once every consumer has handled them). */
  publish(events: EventEnvelope[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<BusSubscription>;
  close(): Promise<void>;
}

/**
 * The bus takes no more events: it is closing, or a consumer that matches them has gone. The events stay in
 * the publisher's outbox and go out on its next start (consumers drop what they already handled by event id).
 */
export class BusClosedError extends Error {
  constructor(what = 'the event bus is closed') {
    super(`${what}; the events stay in the outbox`);
    this.name = 'BusClosedError';
  }
}

export const DEFAULT_MAX_DELIVER = 5;
export const DEFAULT_BACKOFF_MS = [100, 500, 2000, 5000];

export function backoffFor(attempt: number, backoffMs: number[] = DEFAULT_BACKOFF_MS): number {
  return backoffMs[Math.min(attempt - 1, backoffMs.length - 1)] ?? 1000;
}
