// A service's event plumbing in one place: transactions that emit events, the outbox relay, its consumers.
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Dialect } from '../store/store-config.js';
import type { AnyKysely, AnyTransaction } from '../store/transaction.js';
import type { Clock } from '../time/clock.js';
import type { ServiceMetrics } from '../telemetry/metrics.js';
import type { EventEnvelope, NewEvent } from './envelope.js';
import type { BusSubscription, EventBus } from './event-bus.port.js';
import { createOutboxWriter, type OutboxWriter } from './outbox.js';
import { OutboxRelay } from './outbox-relay.js';
import { startConsumer, type ConsumerOptions } from './consumer.js';

export type Emit = (events: NewEvent | NewEvent[]) => void;

export interface ServiceEventsOptions {
  service: string;
  db: AnyKysely;
  dialect: Dialect;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  metrics?: ServiceMetrics;
  relayPollIntervalMs?: number;
}

export class ServiceEvents {
  readonly outbox: OutboxWriter;
  readonly relay: OutboxRelay;
  private readonly subscriptions: BusSubscription[] = [];

  constructor(private readonly options: ServiceEventsOptions) {
    this.outbox = createOutboxWriter(options.service, options.clock);
    this.relay = new OutboxRelay({
      db: options.db,
      dialect: options.dialect,
      bus: options.bus,
      clock: options.clock,
      logger: options.logger,
      pollIntervalMs: options.relayPollIntervalMs,
      onBacklog: options.metrics ? (n) => options.metrics!.outboxBacklog.set(n) : undefined,
    });
  }

  get bus(): EventBus {
    return this.options.bus;
  }

  /**
   * Runs fn in one transaction; the events it emits are written to the outbox in that same
   * transaction and published right after it commits.
   */
  async transaction<DB, T>(db: Kysely<DB>, fn: (trx: Transaction<DB>, emit: Emit) => Promise<T>): Promise<T> {
    let wrote: EventEnvelope[] = [];
    const result = await db.transaction().execute(async (trx) => {
      const pending: NewEvent[] = [];
      const value = await fn(trx, (events) => pending.push(...(Array.isArray(events) ? events : [events])));
      wrote = await this.outbox.write(trx, pending);
      return value;
    });
    if (wrote.length) this.relay.kick();
    return result;
  }

  /** Emits events from inside a transaction the caller already runs (a consumer's, say). */
  async write(trx: AnyTransaction, events: NewEvent[]): Promise<void> {
    await this.outbox.write(trx, events);
  }

  async consume<DB>(options: Omit<ConsumerOptions<DB>, 'bus' | 'clock' | 'logger' | 'metrics' | 'afterCommit'>): Promise<void> {
    const subscription = await startConsumer({
      ...options,
      bus: this.options.bus,
      clock: this.options.clock,
      logger: this.options.logger,
      metrics: this.options.metrics,
      afterCommit: () => this.relay.kick(),
    });
    this.subscriptions.push(subscription);
  }

  start(): void {
    this.relay.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.close()));
    await this.relay.stop();
  }
}
