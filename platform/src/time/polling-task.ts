// A background pass repeated on an interval: one pass at a time, a pass on demand, a stop that waits for the pass in flight.
import type { Logger } from 'pino';

export interface PollingTaskOptions<T> {
  /** Named in the log when a pass fails. */
  name: string;
  intervalMs: number;
  logger: Logger;
  pass: () => Promise<T>;
}

/**
 * Jobs that watch the hub clock (promotion windows, lapsed holds, the daily run) poll rather than sleep until a
 * time, because the clock can be moved. Passes never overlap: runNow() queues a fresh pass after the one in flight,
 * so a caller that just moved the clock or wrote something sees a pass that started after it.
 */
export class PollingTask<T = void> {
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private active = false;

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
    await this.chain;
  }

  runNow(): Promise<T> {
    const pass = this.chain.then(() => this.options.pass());
    this.chain = pass.catch((err) => this.options.logger.error({ err }, `${this.options.name} failed`));
    return pass;
  }

  private schedule(delayMs: number): void {
    if (!this.active) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runNow()
        .catch(() => undefined)
        .finally(() => this.schedule(this.options.intervalMs));
    }, delayMs);
    this.timer.unref();
  }
}
