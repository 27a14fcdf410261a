// A service's live view of events on the bus for its subscriptions: one ephemeral bus subscription fanned out to every open stream, with a replay buffer so a resubscribing gateway misses nothing.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { EventEnvelope } from '../events/envelope.js';
import type { BusSubscription, EventBus } from '../events/event-bus.port.js';
import { LiveStream } from './live-stream.js';
import type { FeedHistory } from './outbox-history.js';

/** Where a subscriber is in a feed: the feed instance (epoch), its position there (seq), and the event there. */
export interface FeedCursor {
  /** Changes whenever the feed is rebuilt (a process restart): positions of another epoch mean nothing here. */
  epoch: string;
  seq: number;
  /** The event at this position, and its envelope time: where to resume in a feed of another epoch. */
  id: string;
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
  /**
   * Durable history (the service's outbox) for subscribers resuming from before this feed existed or from
   * before its replay buffer: without it, events committed just before a crash could be missed.
   */
  history?: FeedHistory;
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
   * A stream of the events `accept` lets through: first those after `resumeAfter` that the subscriber missed,
   * then live ones as they arrive. The subscriber drops by id any event it receives twice.
   */
  async open(accept: (event: LiveEvent) => boolean, resumeAfter?: FeedCursor | null): Promise<LiveStream<LiveEvent>> {
    const stream = new LiveStream<LiveEvent>({
      capacity: this.streamCapacity,
      onClose: () => this.streams.delete(stream),
    });
    if (!resumeAfter) {
      stream.filter = accept;
      this.streams.add(stream);
      return stream;
    }
    // Live events are collected from now while the history is read, so nothing falls between the two.
    const live: LiveEvent[] = [];
    stream.filter = (item) => (accept(item) && live.push(item), false);
    this.streams.add(stream);
    try {
      const missed = await this.missedSince(resumeAfter);
      const sent = new Set<string>();
      for (const item of [...missed, ...live]) {
        if (sent.has(item.event.id) || !accept(item)) continue;
        sent.add(item.event.id);
        stream.offer(item);
      }
    } catch (error) {
      stream.end();
      throw error;
    }
    stream.filter = accept;
    return stream;
  }

  private push(event: EventEnvelope): void {
    const item: LiveEvent = { event, cursor: { epoch: this.epoch, seq: ++this.seq, id: event.id, time: event.time } };
    this.recent.push(item);
    // Trimmed in chunks, so the buffer costs amortised O(1) per event rather than a shift each time.
    if (this.recent.length > this.replayCapacity * 1.25) this.recent.splice(0, this.recent.length - this.replayCapacity);
    for (const stream of this.streams) if (stream.filter(item)) stream.offer(item);
  }

  /** What came after the cursor: from the replay buffer when it reaches back that far, else the history too. */
  private async missedSince(cursor: FeedCursor): Promise<LiveEvent[]> {
    const firstBuffered = this.recent[0]?.cursor.seq ?? this.seq + 1;
    if (cursor.epoch === this.epoch && firstBuffered <= cursor.seq + 1) return this.recent.filter((item) => item.cursor.seq > cursor.seq);
    // Another epoch (this process restarted, or another replica served the subscriber) or a gap: by the
    // last event's id in the history, and by time among what the buffer holds from other sources.
    const buffered = this.recent.filter((item) => item.event.time >= cursor.time && item.event.id !== cursor.id);
    if (!this.options.history) {
      if (cursor.epoch === this.epoch) this.options.logger.warn({ consumer: this.options.consumer }, 'a resuming subscriber may have missed events older than the replay buffer');
      return buffered;
    }
    const at = this.seq;
    const history = await this.options.history({ id: cursor.id, time: cursor.time }, this.replayCapacity);
    const fromHistory = history.map((event): LiveEvent => ({ event, cursor: { epoch: this.epoch, seq: at, id: event.id, time: event.time } }));
    return [...fromHistory, ...buffered];
  }
}
