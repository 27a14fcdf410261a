// Watches the clock for promotion windows that open or close (each store's local start and end) and publishes them.
import type { Clock, Logger } from '@retail-hub/platform';
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
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: PromotionClockOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.chain;
  }

  /** One pass now (tests and the benchmark call it after moving the clock). */
  runNow(): Promise<void> {
    const pass = this.chain.then(() => this.pass());
    this.chain = pass.catch((err) => this.options.logger.error({ err }, 'promotion clock pass failed'));
    return pass;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runNow()
        .catch(() => undefined)
        .finally(() => this.schedule(this.options.intervalMs ?? 1000));
    }, delayMs);
    this.timer.unref();
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
      if (this.stopped) return;
    }
  }
}

function groupBy<T extends { promotion_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.promotion_id, [...(groups.get(row.promotion_id) ?? []), row]);
  return groups;
}
