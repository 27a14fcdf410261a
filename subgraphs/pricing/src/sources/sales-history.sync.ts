// Keeps baseline demand per SKU and selling location from the ERP's daily sales history: units per weekday over eight weeks.
import { ChangeFeedSync, type Clock, type Dialect, type Logger } from '@retail-hub/platform';
import type { SalesFinancePort, SalesHistoryRecord } from '@retail-hub/erp';
import type { Kysely } from 'kysely';
import type { DemandBaseline } from '../store/demand-tables.js';
import { DemandRepository } from '../store/demand.repository.js';
import type { PricingDatabase } from '../store/pricing-tables.js';

export const SALES_HISTORY_FEED = 'erp.sales-history';
/** Eight whole weeks: every weekday counted as often as every other, recent enough to be today's demand. */
const BASELINE_WEEKS = 8;
const DAY_MS = 86_400_000;

export interface SalesHistorySyncOptions {
  db: Kysely<PricingDatabase>;
  dialect: Dialect;
  salesFinance: SalesFinancePort;
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
}

export class SalesHistorySync {
  private readonly feed: ChangeFeedSync<SalesHistoryRecord, PricingDatabase>;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly options: SalesHistorySyncOptions) {
    const demand = new DemandRepository(options.db, options.dialect);
    this.feed = new ChangeFeedSync({
      feed: SALES_HISTORY_FEED,
      db: options.db,
      clock: options.clock,
      logger: options.logger,
      // History changes once a day: polling it as often as prices would only cost.
      intervalMs: Math.max(60_000, (options.intervalMs ?? 2000) * 30),
      // Pages of ~50 ms of work: the hub answers requests between them.
      pageSize: 2_000,
      fetchPage: (after, limit) => options.salesFinance.salesHistory(after, limit),
      apply: (trx, records) => demand.upsertBaselines(trx, records.map(toBaseline)),
    });
  }

  /**
   * Loads in the background: 600,000 series at the default size must not hold up the subgraph's
   * start. Validation waits for the load (see DemandReadiness) rather than check against half of it.
   */
  startInBackground(): void {
    this.stopped = false;
    const attempt = () => {
      this.feed.start().catch((error) => {
        this.options.logger.warn({ err: error }, 'sales history could not be loaded; retrying');
        if (!this.stopped) this.retry = setTimeout(attempt, 5000).unref();
      });
    };
    attempt();
  }

  syncNow(): Promise<number> {
    return this.feed.syncNow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.feed.stop();
  }
}

/** Units per weekday over the last eight whole weeks of the series (fewer when the history is shorter). */
export function toBaseline(record: SalesHistoryRecord): DemandBaseline {
  const weeks = Math.min(BASELINE_WEEKS, Math.floor(record.daily.length / 7));
  const sums = [0, 0, 0, 0, 0, 0, 0];
  const first = record.daily.length - weeks * 7;
  const start = Date.parse(`${record.startDate}T00:00:00Z`);
  for (let d = first; d < record.daily.length; d++) sums[new Date(start + d * DAY_MS).getUTCDay()]! += record.daily[d]!;
  const through = new Date(start + (record.daily.length - 1) * DAY_MS).toISOString().slice(0, 10);
  return { sku: record.sku, location_id: record.locationId, w0: sums[0]!, w1: sums[1]!, w2: sums[2]!, w3: sums[3]!, w4: sums[4]!, w5: sums[5]!, w6: sums[6]!, weeks: Math.max(1, weeks), through_date: through };
}
