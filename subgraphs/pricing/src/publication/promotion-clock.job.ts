// Watches the clock for promotion windows that open or close (each store's local start and end) and publishes them.
import { PollingTask, type Clock, type Logger } from '@retail-hub/platform';
import type { PromotionStores } from '../store/promotion-stores.js';
import type { PricePublicationService } from './price-publication.service.js';

export interface PromotionClockOptions {
  stores: PromotionStores;
  publication: PricePublicationService;
  clock: Clock;
  logger: Logger;
  /** How often it compares windows with the clock. @default 1000 */
  intervalMs?: number;
}

/**
 * Polls: the hub clock can be moved (POST /admin/clock), so a go-live is found by comparing windows
 * with clock.now() on every pass, never by sleeping until a wall-clock time. One pass at a time.
 */
export class PromotionClockJob {
  private readonly task: PollingTask;

  constructor(private readonly options: PromotionClockOptions) {
    this.task = new PollingTask({ name: 'promotion clock pass', intervalMs: options.intervalMs ?? 1000, logger: options.logger, pass: () => this.pass() });
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One pass now (tests and the benchmark call it after moving the clock). */
  runNow(): Promise<void> {
    return this.task.runNow();
  }

  private async pass(): Promise<void> {
    const { stores, publication, clock } = this.options;
    for (;;) {
      const now = clock.now();
      const starts = await stores.windows.dueStarts(now.toISOString(), 5000);
      const ends = await stores.windows.dueEnds(now.toISOString(), 5000);
      if (starts.length === 0 && ends.length === 0) return;
      for (const [promotionId, windows] of groupBy(starts)) {
        const open = windows.filter((w) => Date.parse(w.ends_at) > now.getTime()).map((w) => w.location_id);
        const past = windows.filter((w) => Date.parse(w.ends_at) <= now.getTime()).map((w) => w.location_id);
        if (past.length) await publication.skipWindows(promotionId, past);
        if (open.length) await publication.publishStarts(promotionId, open);
      }
      for (const [promotionId, windows] of groupBy(ends)) await publication.publishEnds(promotionId, windows.map((w) => w.location_id));
      if (!this.task.running) return;
    }
  }
}

function groupBy<T extends { promotion_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.promotion_id, [...(groups.get(row.promotion_id) ?? []), row]);
  return groups;
}
