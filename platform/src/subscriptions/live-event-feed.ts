// A service's live view of events on the bus for its subscriptions: one ephemeral bus subscription fanned out to every open stream, with a replay buffer so a resubscribing gateway misses nothing.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { EventEnvelope } from '../events/envelope.js';
import type { BusSubscription, EventBus } from '../events/event-bus.port.js';
import { LiveStream } from './live-stream.js';

/** Where a subscriber is in a feed: the feed instance (epoch), its position there (seq), and the event's time. */
export interface FeedCursor {
  /** Changes whenever the feed is rebuilt (a process restart): positions of another epoch mean nothing here. */
  epoch: string;
  seq: number;
  /** The envelope time of the event at this position: where to resume in a feed of another epoch. */
  time: string;
}

/** One event as a subscription stream carries it, with its position in the feed. */
export interface LiveEvent<T = unknown> {
  event: EventEnvelope<T>;
  cursor: FeedCursor;
}

export interface LiveEventFeedOptions {
  bus: EventBus;
  /** Bus consumer name (ephemeral: it keeps no position), e.g. `inventory-live`. */
  consumer: string;
  /** Event types or prefixes ending in `.*`. */
  types: string[];
  logger: Logger;
  /** How many recent events are kept for streams that resume. @default 10_000 */
  replayCapacity?: number;
  /** Events one stream may hold undelivered before it is ended as too slow (its subscriber can resume). @default 50_000 */
  streamCapacity?: number;
}

export class LiveEventFeed {
  readonly epoch = randomUUID();
  private seq = 0;
  private readonly recent: LiveEvent[] = [];
  private readonly streams = new Set<LiveStream<LiveEvent>>();
  private subscription: BusSubscription | null = null;
  private readonly replayCapacity: number;
  private readonly streamCapacity: number;

  constructor(private readonly options: LiveEventFeedOptions) {
    this.replayCapacity = options.replayCapacity ?? 10_000;
    this.streamCapacity = options.streamCapacity ?? 50_000;
  }

  /** Start before the service's outbox relay, so events it publishes on start-up (left from before a crash) are kept for replay. */
  async start(): Promise<void> {
    this.subscription ??= await this.options.bus.subscribe({
      consumer: this.options.consumer,
      types: this.options.types,
      ephemeral: true,
      handler: async ({ event }) => this.push(event),
    });
  }

  /** Ends every open stream (subscribers see completion and resubscribe elsewhere or later). */
  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.close();
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /**
   * A stream of the events `accept` lets through: first the buffered ones after `resumeAfter` (by position in
   * this epoch; by time for a cursor of another epoch), then live ones as they arrive.
   */
  open(accept: (event: LiveEvent) => boolean, resumeAfter?: FeedCursor | null): LiveStream<LiveEvent> {
    const stream = new LiveStream<LiveEvent>({
      capacity: this.streamCapacity,
      onClose: () => this.streams.delete(stream),
    });
    if (resumeAfter) for (const item of this.replayAfter(resumeAfter)) if (accept(item)) stream.offer(item);
    stream.filter = accept;
    this.streams.add(stream);
    return stream;
  }

  private push(event: EventEnvelope): void {
    const item: LiveEvent = { event, cursor: { epoch: this.epoch, seq: ++this.seq, time: event.time } };
    this.recent.push(item);
    // Trimmed in chunks, so the buffer costs amortised O(1) per event rather than a shift each time.
    if (this.recent.length > this.replayCapacity * 1.25) this.recent.splice(0, this.recent.length - this.replayCapacity);
    for (const stream of this.streams) if (stream.filter(item)) stream.offer(item);
  }

  private replayAfter(cursor: FeedCursor): LiveEvent[] {
    if (cursor.epoch === this.epoch) {
      const first = this.recent[0]?.cursor.seq ?? this.seq + 1;
      if (first > cursor.seq + 1) this.options.logger.warn({ consumer: this.options.consumer, missed: first - cursor.seq - 1 }, 'a resuming subscriber missed events older than the replay buffer');
      return this.recent.filter((item) => item.cursor.seq > cursor.seq);
    }
    // Another epoch (this process restarted, or another replica served the subscriber): resume by time. The
    // subscriber drops events it already had by id.
    return this.recent.filter((item) => item.event.time >= cursor.time);
  }
}
