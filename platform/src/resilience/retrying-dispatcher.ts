// Sends a durable queue of work to an outside system (an ERP): batches at a paced rate, backoff with jitter, dead letters, a circuit breaker.
import type { Logger } from 'pino';
import type { Clock } from '../time/clock.js';
import { PollingTask } from '../time/polling-task.js';
import { backoffDelayMs, type BackoffOptions } from './backoff.js';
import { CircuitBreaker, type BreakerState, type CircuitBreakerOptions } from './circuit-breaker.js';
import { TokenBucket } from './token-bucket.js';

export interface QueuedItem {
  id: string;
  /** Attempts made so far (0 for an item never sent). */
  attempts: number;
}

export interface FailedItem<T> {
  item: T;
  /** Attempts including the one that just failed. */
  attempts: number;
  error: string;
  /** When to try again; null when the item is dead-lettered (out of attempts, or refused for good). */
  retryAt: Date | null;
}

/** Where the work waits: a table of the owning service, written in the same transaction as the change that caused it. */
export interface DispatchQueue<T extends QueuedItem, R> {
  /**
   * Up to `limit` items due at `now` (waiting, next attempt not in the future), oldest first. Where several
   * replicas share the queue, it claims them, so no two send the same item at once.
   */
  due(now: Date, limit: number): Promise<T[]>;
  /** The system accepted these; `results[i]` belongs to `items[i]`. */
  delivered(items: T[], results: R[], now: Date): Promise<void>;
  failed(failures: FailedItem<T>[], now: Date): Promise<void>;
  /** Hands claimed items back unsent, due at once (the rest of a batch the system refused one item of). */
  release?(items: T[], now: Date): Promise<void>;
}

/** How a failed send is handled: retried later, or one item refused for good (the rest are sent again at once). */
export type SendFailure = { kind: 'transient' } | { kind: 'rejected'; index: number; message: string };

export interface RetryingDispatcherOptions<T extends QueuedItem, R> {
  /** Names the dispatcher in logs, e.g. `erp-postings`. */
  name: string;
  queue: DispatchQueue<T, R>;
  /** Sends one batch; resolves with one result per item, in order. */
  send: (items: T[]) => Promise<R[]>;
  /** A cheap call that succeeds once the system answers again; while the breaker is open it runs instead of sending work. */
  probe: () => Promise<unknown>;
  /** @default every failure is transient */
  classify?: (error: unknown, items: T[]) => SendFailure;
  clock: Clock;
  logger: Logger;
  /** Attempts before an item is dead-lettered. @default 10 */
  maxAttempts?: number;
  /** Delay before each retry of an item. @default { baseMs: 500, capMs: 60_000 } */
  backoff?: BackoffOptions;
  /** Items per send. @default 50 */
  batchSize?: number;
  /** Items sent per second at most, so a backlog drains without flooding a system that just came back. @default 200 */
  ratePerSecond?: number;
  /** How often to look for due work nobody kicked the dispatcher for (retries coming due). @default 250 */
  pollIntervalMs?: number;
  /** How long a kick waits before the pass, so work queued by many requests in a burst goes out in one batch. @default 0 */
  kickDelayMs?: number;
  /** @default { failureThreshold: 5, openMs: 1000, maxOpenMs: 30_000 } */
  breaker?: CircuitBreakerOptions;
  /**
   * A send or probe with no answer by then counts as failed, so a system that hangs opens the breaker instead of
   * holding the queue (and shutdown) for as long as it hangs. The send may still land; items are sent again by id.
   * @default 30_000
   */
  sendTimeoutMs?: number;
}

type PassOutcome = 'idle' | 'blocked';

export class RetryingDispatcher<T extends QueuedItem, R> {
  readonly breaker: CircuitBreaker;
  private readonly bucket: TokenBucket;
  /** One pass at a time: a drain, a kick and the timer never send the same item twice. */
  private readonly task: PollingTask<PassOutcome>;
  /** Set by stop(): a pass in progress ends after its current batch. */
  private closed = false;

  constructor(private readonly options: RetryingDispatcherOptions<T, R>) {
    this.breaker = new CircuitBreaker({
      failureThreshold: 5,
      openMs: 1000,
      maxOpenMs: 30_000,
      ...options.breaker,
      onStateChange: (from, to) => {
        options.logger.warn({ dispatcher: options.name, from, to }, `${options.name}: circuit ${to}`);
        options.breaker?.onStateChange?.(from, to);
      },
    });
    const rate = options.ratePerSecond ?? 200;
    // A burst of one batch: a recovering system sees the rate from the first second.
    this.bucket = new TokenBucket({ ratePerSecond: rate, burst: Math.max(1, Math.min(rate, options.batchSize ?? 50)) });
    const poll = options.pollIntervalMs ?? 250;
    this.task = new PollingTask({
      name: `${options.name}: pass`,
      intervalMs: poll,
      logger: options.logger,
      pass: () => this.pass(),
      kickDelayMs: options.kickDelayMs,
      // While the breaker is open there is nothing to do before its next probe.
      delayAfter: (outcome) => (outcome === 'blocked' ? Math.max(poll, this.breaker.msUntilProbe()) : poll),
    });
  }

  get breakerState(): BreakerState {
    return this.breaker.state;
  }

  start(): void {
    this.closed = false;
    this.task.start();
  }

  async stop(): Promise<void> {
    this.closed = true;
    await this.task.stop();
  }

  /** Look for work now: called after a transaction that queued some commits. */
  kick(): void {
    this.task.kick();
  }

  /** Runs passes until nothing is due or the breaker blocks (tests and shutdown). */
  drain(): Promise<PassOutcome> {
    return this.task.runNow();
  }

  private async pass(): Promise<PassOutcome> {
    const { queue, clock } = this.options;
    const batchSize = this.options.batchSize ?? 50;
    for (;;) {
      if (this.closed) return 'idle';
      if (!this.breaker.allowsRequests() && !(await this.probe())) return 'blocked';
      const items = await queue.due(clock.now(), batchSize);
      if (items.length === 0) return 'idle';
      const wait = this.bucket.take(items.length);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      let results: R[];
      try {
        results = await this.answerInTime(this.options.send(items), 'send');
      } catch (error) {
        await this.onSendFailure(items, error);
        continue;
      }
      await queue.delivered(items, results, clock.now());
      this.breaker.recordSuccess();
    }
  }

  /** Runs the probe if one is due; true when the system answered (the breaker is closed again). */
  private async probe(): Promise<boolean> {
    if (!this.breaker.tryProbe()) return false;
    try {
      await this.answerInTime(this.options.probe(), 'probe');
      this.breaker.recordSuccess();
      return true;
    } catch (error) {
      this.breaker.recordFailure();
      this.options.logger.debug({ err: error, dispatcher: this.options.name }, `${this.options.name}: probe failed`);
      return false;
    }
  }

  private answerInTime<V>(call: Promise<V>, what: string): Promise<V> {
    const ms = this.options.sendTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.options.name}: no answer to the ${what} in ${ms} ms`)), ms);
    });
    return Promise.race([call, late]).finally(() => clearTimeout(timer));
  }

  private async onSendFailure(items: T[], error: unknown): Promise<void> {
    const now = this.options.clock.now();
    const verdict = this.options.classify?.(error, items) ?? { kind: 'transient' };
    if (verdict.kind === 'rejected' && items[verdict.index]) {
      // The system answered and refused one item: it is dead-lettered at once; the rest go again in the next batch.
      const item = items[verdict.index]!;
      this.options.logger.warn({ dispatcher: this.options.name, id: item.id, error: verdict.message }, `${this.options.name}: item refused, dead-lettered`);
      await this.options.queue.failed([{ item, attempts: item.attempts + 1, error: verdict.message, retryAt: null }], now);
      await this.options.queue.release?.(items.filter((other) => other !== item), now);
      return;
    }
    const message = String((error as Error)?.message ?? error);
    const maxAttempts = this.options.maxAttempts ?? 10;
    const backoff = this.options.backoff ?? { baseMs: 500, capMs: 60_000 };
    await this.options.queue.failed(
      items.map((item) => {
        const attempts = item.attempts + 1;
        return { item, attempts, error: message, retryAt: attempts >= maxAttempts ? null : new Date(now.getTime() + backoffDelayMs(attempts, backoff)) };
      }),
      now,
    );
    this.breaker.recordFailure();
    this.options.logger.debug({ err: error, dispatcher: this.options.name, items: items.length }, `${this.options.name}: send failed`);
  }
}
