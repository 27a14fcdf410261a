// How current the stock view is: when the ERP feed last answered, and whether that is too long ago.
import type { Clock } from '@retail-hub/platform';

export interface Freshness {
  /** When the ERP's position feed last answered (ISO), or null if it never has. */
  feedConfirmedAt: string | null;
  /** The feed has not answered for longer than the staleness limit: numbers may be behind the ERP. */
  stale: boolean;
}

export class StockFreshness {
  /**
   * @param lastFeedSuccess when the position feed last answered (kept across restarts by the sync)
   * @param staleAfterMs @default 30000
   */
  constructor(
    private readonly lastFeedSuccess: () => Date | null,
    private readonly clock: Clock,
    private readonly staleAfterMs = 30_000,
  ) {}

  current(): Freshness {
    const last = this.lastFeedSuccess();
    return {
      feedConfirmedAt: last?.toISOString() ?? null,
      stale: last === null || this.clock.now().getTime() - last.getTime() > this.staleAfterMs,
    };
  }
}
