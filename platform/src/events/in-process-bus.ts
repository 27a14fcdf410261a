// The embedded mode's bus: delivers in order to every matching consumer in this process, with retries and dead letters.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { EventEnvelope } from './envelope.js';
import { typeMatches } from './envelope.js';
import { backoffFor, BusClosedError, DEFAULT_MAX_DELIVER, type BusSubscription, type EventBus, type SubscribeOptions } from './event-bus.port.js';

/** Most events handed to a consumer's runHandler at once: a run holds the consumer's store for its transaction. */
const MAX_RUN = 100;

interface Entry {
  options: SubscribeOptions;
  /** Serialises deliveries so each consumer sees events in publish order. */
  tail: Promise<void>;
  closed: boolean;
}

export interface InProcessBusOptions {
  /**
   * Publishing waits for open(). A hub starts its services one after another; an event published by the first
   * (its relay catching up on its outbox, its sweeper) must wait for the consumers of those started after it,
   * since this bus keeps nothing for a consumer that has not subscribed yet. @default false
   */
  heldUntilOpen?: boolean;
}

export class InProcessBus implements EventBus {
  private readonly entries = new Set<Entry>();
  private closed = false;
  /** Resolves when publishing may start: at once, or at open(). */
  private readonly opened: Promise<void>;
  private release: () => void = () => undefined;

  constructor(private readonly logger?: Logger, options: InProcessBusOptions = {}) {
    this.opened = options.heldUntilOpen ? new Promise((resolve) => (this.release = resolve)) : Promise.resolve();
  }

  /** Lets held publishes through: every consumer of the process has subscribed. */
  open(): void {
    this.release();
  }

  /**
   * Resolves when every durable consumer has handled (or dead-lettered) the events, so the outbox
   * row is only marked published once nothing can lose it. Live-only consumers are not waited for.
   * Rejects with BusClosedError, leaving the events to the outbox, once the bus or a consumer they are for is closing.
   */
  async publish(events: EventEnvelope[]): Promise<void> {
    await this.opened;
    if (this.closed) throw new BusClosedError();
    const waits: Promise<void>[] = [];
    for (const entry of this.entries) {
      const matching = events.filter((e) => entry.options.types.some((t) => typeMatches(t, e.type)));
      if (matching.length === 0) continue;
      const done = entry.tail.then(() => this.deliverAll(entry, matching));
      entry.tail = done.catch(() => undefined);
      if (!entry.options.ephemeral) waits.push(done);
    }
    await Promise.all(waits);
  }

  async subscribe(options: SubscribeOptions): Promise<BusSubscription> {
    const entry: Entry = { options, tail: Promise.resolve(), closed: false };
    this.entries.add(entry);
    return {
      close: async () => {
        entry.closed = true;
        this.entries.delete(entry);
      },
    };
  }

  /** Refuses new events (they stay in their outboxes) and waits for the deliveries in flight. */
  async close(): Promise<void> {
    this.closed = true;
    this.release();
    for (const entry of this.entries) entry.closed = true;
    await Promise.all([...this.entries].map((e) => e.tail));
    this.entries.clear();
  }

  private async deliverAll(entry: Entry, events: EventEnvelope[]): Promise<void> {
    const { runHandler, consumer } = entry.options;
    for (let from = 0; from < events.length; from += MAX_RUN) {
      const run = events.slice(from, from + MAX_RUN);
      if (runHandler && run.length > 1 && !entry.closed) {
        try {
          await runHandler(run);
          continue;
        } catch (error) {
          this.logger?.warn({ err: error, consumer, events: run.length }, 'a run of events failed; delivering them one at a time');
        }
      }
      for (const event of run) {
        // Not "done": the publisher must keep these for the consumer's next start.
        if (entry.closed) throw new BusClosedError(`consumer ${consumer} closed`);
        await this.deliver(entry, event);
      }
    }
  }

  private async deliver(entry: Entry, event: EventEnvelope): Promise<void> {
    const { handler, maxDeliver = DEFAULT_MAX_DELIVER, backoffMs, onDeadLetter, consumer } = entry.options;
    for (let attempt = 1; ; attempt++) {
      try {
        await handler({ event, attempt });
        return;
      } catch (error) {
        // A consumer stopping mid-retry hands the event back rather than dead-lettering it early.
        if (entry.closed) throw new BusClosedError(`consumer ${consumer} closed`);
        if (attempt >= maxDeliver) {
          this.logger?.warn({ err: error, consumer, eventId: event.id, type: event.type, attempt }, 'event dead-lettered');
          await onDeadLetter?.({ event, attempt }, error);
          return;
        }
        await sleep(backoffFor(attempt, backoffMs));
      }
    }
  }
}
