// Loads what runs plan with, in the background after start: the ERP's locations and stock (every start), its sales history (once).
import { hubError, type Logger } from '@retail-hub/platform';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SalesHistoryImport } from '../sources/sales-history.import.js';
import type { StockPositionsFeed } from '../sources/stock-positions.feed.js';
import type { LocationSlots } from './location-slots.js';

/** How long a planner's run waits for the first load before it is told to come back (under the gateway's subgraph timeout). */
const WAIT_FOR_READY_MS = 8_000;

/**
 * The first start imports 90 days of history for every series (about 10 s for the default retailer, most of it
 * the ERP producing its export), so it runs after the service is up rather than holding up the hub's start.
 * Runs wait for it. When the ERP cannot be reached the load is retried; on a restart with data already loaded,
 * runs use what is there (the events keep it current) while the catch-up retries.
 */
export class PlanningData {
  private readyPromise: Promise<void> | null = null;
  private retrying: Promise<void> | null = null;
  private loaded = false;
  /** Aborted when the service stops: ends the loading between steps and wakes the retry waits. */
  private readonly stopping = new AbortController();

  constructor(private readonly deps: { slots: LocationSlots; stock: StockPositionsFeed; history: SalesHistoryImport; logger: Logger; retryMs?: number }) {}

  get isReady(): boolean {
    return this.loaded;
  }

  /** Starts loading (once); resolves when runs can plan. */
  load(): Promise<void> {
    this.readyPromise ??= this.loadUntilDone();
    return this.readyPromise;
  }

  /** For runs: waits for the load, or says plainly that it is still going. */
  async ready(): Promise<void> {
    if (this.loaded) return;
    const timeout = sleep(WAIT_FOR_READY_MS, 'timeout' as const, { ref: false });
    const outcome = await Promise.race([this.load().then(() => 'ready' as const), timeout]);
    // A load cut short by the service stopping resolves too, without the data: that is not ready either.
    if (outcome !== 'ready' || !this.loaded) throw hubError('SERVICE_UNAVAILABLE', 'Replenishment is still loading the ERP\'s stock and sales history; try again in a minute.');
  }

  /** Stops loading and waits for a page in flight, so the store is not closed under it. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.deps.stock.stop();
    await this.readyPromise?.catch(() => undefined);
    await this.retrying;
  }

  private async loadUntilDone(): Promise<void> {
    const { slots, stock, history, logger } = this.deps;
    await slots.load();
    const hadData = slots.width > 0 && (await history.done());
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await stock.catchUp();
        if (this.stopped) return;
        await history.importOnce(() => this.stopped);
        if (this.stopped) return;
        this.loaded = true;
        return;
      } catch (error) {
        if (this.stopped) return;
        if (hadData) {
          logger.warn({ err: error }, 'ERP unreachable: planning with the stock and demand already loaded; the events keep them current');
          this.loaded = true;
          this.retrying = this.retryCatchUp();
          return;
        }
        logger.warn({ err: error, attempt }, 'loading stock and sales history for replenishment failed; retrying');
        await this.pause(attempt);
      }
    }
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** The wait before another attempt; cut short when the service stops. */
  private pause(attempt: number): Promise<void> {
    return sleep(Math.min(30_000, (this.deps.retryMs ?? 1000) * attempt), undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }

  private async retryCatchUp(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      await this.pause(attempt);
      if (this.stopped) return;
      try {
        await this.deps.stock.catchUp();
        return;
      } catch {
        // still down
      }
    }
  }
}
