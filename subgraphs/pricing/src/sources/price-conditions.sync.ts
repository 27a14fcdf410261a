// Keeps the list-price projection in step with the ERP's price-condition feed, announcing changed prices.
import { ChangeFeedSync, type Clock, type Dialect, type Logger, type NewEvent, type ServiceEvents } from '@retail-hub/platform';
import type { ListPriceRecord, PriceConditionsPort } from '@retail-hub/erp';
import type { Kysely, Transaction } from 'kysely';
import { priceChangedEvent, type ListPriceState } from '../events/price-changed.event.js';
import { ListPriceRepository, listPriceKey, type ListPriceRow } from '../store/list-price.repository.js';
import type { PricingDatabase } from '../store/pricing-tables.js';

export interface PriceConditionsSyncOptions {
  db: Kysely<PricingDatabase>;
  dialect: Dialect;
  priceConditions: PriceConditionsPort;
  events: ServiceEvents;
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
  onProgress?: (feed: string, records: number) => void;
}

export class PriceConditionsSync {
  private readonly feed: ChangeFeedSync<ListPriceRecord, PricingDatabase>;
  private readonly listPrices: ListPriceRepository;

  constructor(private readonly options: PriceConditionsSyncOptions) {
    this.listPrices = new ListPriceRepository(options.db, options.dialect);
    this.feed = new ChangeFeedSync({
      feed: 'erp.prices',
      db: options.db,
      clock: options.clock,
      logger: options.logger,
      intervalMs: options.intervalMs,
      fetchPage: (after, limit) => options.priceConditions.priceChanges(after, limit),
      apply: (trx, records, initialLoad) => this.apply(trx, records, initialLoad),
      afterPage: () => options.events.relay.kick(),
      onProgress: options.onProgress,
    });
  }

  get lastSuccessAt(): Date | null {
    return this.feed.lastSuccessAt;
  }

  start(): Promise<void> {
    return this.feed.start();
  }

  stop(): Promise<void> {
    return this.feed.stop();
  }

  syncNow(): Promise<number> {
    return this.feed.syncNow();
  }

  /** The initial load announces nothing: subscribers want changes, not the ERP's whole price list. */
  private async apply(trx: Transaction<PricingDatabase>, records: ListPriceRecord[], initialLoad: boolean): Promise<void> {
    // A page can carry a condition twice (changed twice); the later record is the current one.
    const rows = [...new Map(records.map((r) => toListPriceRow(r)).map((row) => [listPriceKey(row), row])).values()];
    const events = initialLoad ? [] : await this.changes(trx, rows);
    await this.listPrices.upsert(trx, rows);
    await this.options.events.write(trx, events);
  }

  private async changes(trx: Transaction<PricingDatabase>, rows: ListPriceRow[]): Promise<NewEvent[]> {
    const before = new Map((await this.listPrices.findBySkus(rows.map((r) => r.sku), trx)).map((row) => [listPriceKey(row), row]));
    return rows.flatMap((row) => {
      const previous = before.get(listPriceKey(row));
      if (previous && sameCondition(previous, row)) return [];
      return [priceChangedEvent({ sku: row.sku, channel: row.channel as ListPriceRecord['channel'], region: row.region || null, previous: previous ? toState(previous) : null, current: toState(row) })];
    });
  }
}

export function toListPriceRow(record: ListPriceRecord): ListPriceRow {
  return {
    sku: record.sku,
    channel: record.channel,
    region: record.region ?? '',
    cent_amount: record.centAmount,
    currency: record.currency,
    valid_from: record.validFrom,
    valid_to: record.validTo,
  };
}

function sameCondition(a: ListPriceRow, b: ListPriceRow): boolean {
  return a.cent_amount === b.cent_amount && a.currency === b.currency && a.valid_to === b.valid_to;
}

function toState(row: ListPriceRow): ListPriceState {
  return { centAmount: row.cent_amount, currency: row.currency, validFrom: row.valid_from, validTo: row.valid_to };
}
