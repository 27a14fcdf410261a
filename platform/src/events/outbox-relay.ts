// Publishes a service's outbox to the bus in order, marking rows published only after the bus has them.
import type { Kysely } from 'kysely';
import type { AnyKysely } from '../store/transaction.js';
import type { Logger } from 'pino';
import type { Dialect } from '../store/store-config.js';
import type { Clock } from '../time/clock.js';
import { PollingTask } from '../time/polling-task.js';
import { BusClosedError, type EventBus } from './event-bus.port.js';
import type { EventTables } from './event-tables.js';
import { rowToEnvelope } from './outbox.js';

export interface OutboxRelayOptions {
  db: AnyKysely;
  dialect: Dialect;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  /** How often to look for rows nobody kicked the relay for (after a crash, from another replica). @default 500 */
  pollIntervalMs?: number;
  /** Rows per publish. @default 500 */
  batchSize?: number;
  /** Published rows older than this are deleted. @default 24 h */
  retentionMs?: number;
  /** Reports the unpublished count after each pass (the outbox backlog metric). */
  onBacklog?: (count: number) => void;
}

export class OutboxRelay {
  private readonly db: Kysely<EventTables>;
  /** Passes run one at a time, so a flush, a kick and the timer never publish the same rows twice. */
  private readonly task: PollingTask;
  private lastCleanup = 0;
  private lastCount = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.db = options.db as Kysely<EventTables>;
    this.task = new PollingTask({ name: 'outbox relay pass', intervalMs: options.pollIntervalMs ?? 500, logger: options.logger, pass: () => this.drain() });
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** Publish now: called after a transaction that wrote events commits. */
  kick(): void {
    this.task.kick();
  }

  /** Publishes everything pending; resolves when the outbox is empty (tests and shutdown use it). */
  flush(): Promise<void> {
    return this.task.runNow();
  }

  private async drain(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    for (;;) {
      const rows = await this.db
        .selectFrom('outbox')
        .selectAll()
        .where('published_at', 'is', null)
        .orderBy('seq')
        .limit(batchSize)
        .execute();
      if (rows.length === 0) break;
      try {
        await this.options.bus.publish(rows.map(rowToEnvelope));
      } catch (error) {
        // Shutting down: the rows stay unpublished for the next start, which is not a failure of this pass.
        if (error instanceof BusClosedError) return;
        throw error;
      }
      const now = this.options.clock.now().toISOString();
      await this.db
        .updateTable('outbox')
        .set({ published_at: now })
        .where('seq', 'in', rows.map((r) => r.seq))
        .execute();
      if (rows.length < batchSize) break;
    }
    await this.reportBacklogAndClean();
  }

  private async reportBacklogAndClean(): Promise<void> {
    // The backlog gauge is a metric, not a per-pass need: counting at most once a second keeps busy relays cheap.
    if (this.options.onBacklog && Date.now() - this.lastCount >= 1000) {
      this.lastCount = Date.now();
      const { n } = await this.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('published_at', 'is', null)
        .executeTakeFirstOrThrow();
      this.options.onBacklog(Number(n));
    }
    const now = Date.now();
    if (now - this.lastCleanup < 60_000) return;
    this.lastCleanup = now;
    const cutoff = new Date(this.options.clock.now().getTime() - (this.options.retentionMs ?? 86_400_000)).toISOString();
    await this.db.deleteFrom('outbox').where('published_at', '<', cutoff).execute();
  }
}
