// Imports the ERP's daily sales history once into the demand store: every series is fitted and only its forecast state is kept.
import { setImmediate } from 'node:timers/promises';
import type { Clock, Logger, SyncTables } from '@retail-hub/platform';
import type { SalesFinancePort, SalesHistoryRecord } from '@retail-hub/erp';
import type { Kysely } from 'kysely';
import { dayIndexOf } from '../services/planning/day-index.js';
import { SERIES_FIELDS, updateSeries, DEFAULT_FORECAST_PARAMS } from '../services/planning/demand-forecast.js';
import { weekdayOf } from '../services/planning/day-index.js';
import { fitWeekdayFactors } from '../services/planning/weekday-factors.js';
import type { LocationSlots } from '../services/location-slots.js';
import { grown } from '../store/block-codec.js';
import type { DemandBlock, DemandBlockRepository } from '../store/demand-block.repository.js';
import type { SupplierDatabase } from '../store/supplier-tables.js';

export const SALES_HISTORY_FEED = 'erp.sales-history';
/** Series per page: small enough that fitting a page (and the ERP building it) holds the event loop for milliseconds, not seconds. */
const PAGE = 2_000;

export interface SalesHistoryImportOptions {
  db: Kysely<SupplierDatabase>;
  salesFinance: SalesFinancePort;
  blocks: DemandBlockRepository;
  slots: LocationSlots;
  clock: Clock;
  logger: Logger;
  onProgress?: (feed: string, records: number) => void;
}

/**
 * The history is 90 days for every SKU and selling location (600k series at the default size, 54M numbers).
 * Kept raw it would be the largest table in the hub and a run would have to read it all; instead each series
 * is fitted as it arrives (demand-forecast.ts) and its state stored, 24 bytes per series, in the SKU's block.
 * New days are then folded in from order events (demand-fold.ts). The import is one pass: a pass that dies is
 * started again from the beginning on the next start (blocks are overwritten, so nothing is counted twice);
 * once it completes it is recorded in sync_state and never repeated.
 */
export class SalesHistoryImport {
  constructor(private readonly options: SalesHistoryImportOptions) {}

  async done(): Promise<boolean> {
    const state = await (this.options.db as unknown as Kysely<SyncTables>).selectFrom('sync_state').select('caught_up').where('feed', '=', SALES_HISTORY_FEED).executeTakeFirst();
    return state?.caught_up === 1;
  }

  /**
   * Runs the import unless it has completed before; returns how many series it read. `stopped` is asked
   * between pages: a service shutting down leaves the pass unfinished (the next start begins it again).
   */
  async importOnce(stopped: () => boolean = () => false): Promise<number> {
    if (await this.done()) return 0;
    const { salesFinance, logger, onProgress } = this.options;
    const started = performance.now();
    let cursor: string | null = null;
    let series = 0;
    // The feed lists a SKU's series together; the last SKU of a page may continue on the next, so it waits for it.
    let held: SalesHistoryRecord[] = [];
    for (;;) {
      const page = await salesFinance.salesHistory(cursor, PAGE);
      series += page.records.length;
      const records = [...held, ...page.records];
      const lastSku = page.hasMore ? records.at(-1)?.sku : undefined;
      held = lastSku ? records.filter((r) => r.sku === lastSku) : [];
      await this.write(lastSku ? records.filter((r) => r.sku !== lastSku) : records);
      cursor = page.cursor;
      onProgress?.(SALES_HISTORY_FEED, series);
      if (!page.hasMore) break;
      // In the embedded mode every service shares this process: let requests in between pages.
      await setImmediate();
      if (stopped()) return series;
    }
    await this.markDone(cursor);
    logger.info({ series, ms: Math.round(performance.now() - started) }, 'sales history imported');
    return series;
  }

  private async write(records: SalesHistoryRecord[]): Promise<void> {
    if (records.length === 0) return;
    const { db, slots, blocks, clock } = this.options;
    await db.transaction().execute(async (trx) => {
      await slots.ensure(trx, records.map((r) => r.locationId));
      const bySku = new Map<string, SalesHistoryRecord[]>();
      for (const r of records) bySku.set(r.sku, [...(bySku.get(r.sku) ?? []), r]);
      // A SKU split over pages (a feed in another order) merges into what an earlier page wrote.
      const existing = await blocks.lock(trx, [...bySku.keys()]);
      const fitted = [...bySku].map(([sku, series]) => fitBlock(sku, series, slots, existing.get(sku)));
      await blocks.save(trx, fitted, clock.now().toISOString());
    });
  }

  private async markDone(cursor: string | null): Promise<void> {
    const now = this.options.clock.now().toISOString();
    await (this.options.db as unknown as Kysely<SyncTables>)
      .insertInto('sync_state')
      .values({ feed: SALES_HISTORY_FEED, cursor, last_success_at: now, last_error: null, last_error_at: null, caught_up: 1 })
      .onConflict((oc) => oc.column('feed').doUpdateSet({ cursor, last_success_at: now, caught_up: 1 }))
      .execute();
  }
}

/** Fits every series of one SKU with the SKU's weekday factors, pooled over its locations. */
function fitBlock(sku: string, records: readonly SalesHistoryRecord[], slots: LocationSlots, existing: DemandBlock | undefined): DemandBlock {
  const starts = records.map((r) => dayIndexOf(r.startDate));
  const firstDay = Math.min(...starts);
  const lastDay = Math.max(...records.map((r, i) => starts[i]! + r.daily.length - 1));
  const totals = new Float64Array(lastDay - firstDay + 1);
  records.forEach((r, i) => r.daily.forEach((units, d) => (totals[starts[i]! - firstDay + d]! += units)));
  const weekdayFactors = existing?.weekdayFactors ?? fitWeekdayFactors(totals, firstDay);
  const series = grown(existing?.series ?? new Float32Array(0), slots.width * SERIES_FIELDS);
  records.forEach((r, i) => {
    const offset = slots.slotOf(r.locationId)! * SERIES_FIELDS;
    series.fill(0, offset, offset + SERIES_FIELDS);
    for (let d = 0; d < r.daily.length; d++) updateSeries(series, offset, r.daily[d]!, weekdayFactors[weekdayOf(starts[i]! + d)]!, DEFAULT_FORECAST_PARAMS);
  });
  return { sku, series, weekdayFactors, throughDay: Math.max(lastDay, existing?.throughDay ?? lastDay) };
}
