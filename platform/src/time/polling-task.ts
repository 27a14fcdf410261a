// A background pass repeated on an interval: one pass at a time, a pass on demand, a stop that waits for the pass in flight.
import type { Logger } from 'pino';

export interface PollingTaskOptions<T> {
  /** Named in the log when a pass fails. */
  name: string;
  intervalMs: number;
  logger: Logger;
  pass: () => Promise<T>;
  /** How long a kick waits before its pass, so the work of many requests in a burst goes in one pass. @default 0 */
  kickDelayMs?: number;
  /** The wait after a timed pass, from what it returned (a dispatcher whose breaker is open waits for its probe). @default intervalMs */
  delayAfter?: (result: T) => number;
}

/**
 * Jobs that watch the hub clock (promotion windows, lapsed holds, the daily run) poll rather than sleep until a
 * time, because the clock can be moved; the outbox relay polls for rows nobody kicked it for. Passes never
 * overlap: runNow() queues a fresh pass after the one in flight, so a caller that just moved the clock or wrote
 * something sees a pass that started after it; kick() asks for one soon without waiting for it.
 */
export class PollingTask<T = void> {
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private active = false;
  /** A timed pass is in flight; kicks meanwhile ask for one more right after it (`again`), however many they are. */
  private timedPass = false;
  private again = false;
  /** A kick's pass is scheduled: later kicks ride along instead of pushing it back. */
  private kickPending = false;

  constructor(private readonly options: PollingTaskOptions<T>) {}

  /** False once stop() is called: a long pass may check it to end early. */
  get running(): boolean {
    return this.active;
  }

  start(): void {
    this.active = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.kickPending = false;
    await this.chain;
  }

  /** A pass soon rather than at the next interval: after kickDelayMs when idle, else right after the timed pass in flight. */
  kick(): void {
    if (!this.active) return;
    if (this.timedPass) this.again = true;
    else if (!this.kickPending) {
      this.kickPending = true;
      this.schedule(this.options.kickDelayMs ?? 0);
    }
  }

  runNow(): Promise<T> {
    const pass = this.chain.then(() => this.options.pass());
    this.chain = pass.catch((err) => this.options.logger.error({ err }, `${this.options.name} failed`));
    return pass;
  }

  private schedule(delayMs: number): void {
    if (!this.active) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kickPending = false;
      this.timedPass = true;
      // A failed pass is logged by runNow's chain; the next comes after the usual interval.
      this.runNow().then(
        (result) => this.afterTimedPass(this.options.delayAfter?.(result) ?? this.options.intervalMs),
        () => this.afterTimedPass(this.options.intervalMs),
      );
    }, delayMs);
    this.timer.unref();
  }

  private afterTimedPass(delayMs: number): void {
    this.timedPass = false;
    const next = this.again ? 0 : delayMs;
    this.again = false;
    this.schedule(next);
  }
}
