// Catches the stock-position projection up with the ERP stock ledger: the first load, and what changed while the service was down.
import { ChangeFeedSync, type Clock, type Logger } from '@retail-hub/platform';
import type { StockLedgerPort, StockPosition } from '@retail-hub/erp';
import type { Kysely, Transaction } from 'kysely';
import type { LocationSlots } from '../services/location-slots.js';
import { grown } from '../store/block-codec.js';
import { INBOUND, ON_HAND, POSITION_FIELDS, type PositionBlockRepository } from '../store/position-block.repository.js';
import type { SupplierDatabase } from '../store/supplier-tables.js';

export const STOCK_POSITIONS_FEED = 'erp.stock-positions';

export interface StockPositionsFeedOptions {
  db: Kysely<SupplierDatabase>;
  ledger: StockLedgerPort;
  blocks: PositionBlockRepository;
  slots: LocationSlots;
  clock: Clock;
  logger: Logger;
  onProgress?: (feed: string, records: number) => void;
}

/**
 * inventory.stock.changed.v1 keeps the projection current while the service runs (and is the only source of
 * `reserved`, which the ERP does not know). The in-process bus does not keep events for a consumer that is not
 * subscribed yet, so on every start the ERP's position feed is read from where it was left, for on-hand and
 * inbound. Both sources carry absolute numbers from the ERP, so applying either twice changes nothing.
 */
export class StockPositionsFeed {
  private readonly feed: ChangeFeedSync<StockPosition, SupplierDatabase>;

  constructor(private readonly options: StockPositionsFeedOptions) {
    this.feed = new ChangeFeedSync({
      feed: STOCK_POSITIONS_FEED,
      db: options.db,
      clock: options.clock,
      logger: options.logger,
      // Small pages: in the embedded mode the catch-up shares the process with every service's requests.
      pageSize: 2_000,
      fetchPage: (after, limit) => options.ledger.positionChanges(after, limit),
      apply: (trx, records) => this.apply(trx, records),
      onProgress: options.onProgress,
    });
  }

  /** Ends a catch-up in flight at its next page. */
  stop(): Promise<void> {
    return this.feed.stop();
  }

  /** Records the ERP's locations (type, region) and reads the position feed to its end. */
  async catchUp(): Promise<number> {
    const locations = await this.options.ledger.getLocations();
    await this.options.db.transaction().execute((trx) => this.options.slots.record(trx, locations.map((l) => ({ id: l.id, type: l.type, region: l.region }))));
    return this.feed.syncNow();
  }

  get lastSuccessAt(): Date | null {
    return this.feed.lastSuccessAt;
  }

  private async apply(trx: Transaction<SupplierDatabase>, records: StockPosition[]): Promise<void> {
    const { slots, blocks, clock } = this.options;
    await slots.ensure(trx, records.map((r) => r.locationId));
    const skus = [...new Set(records.map((r) => r.sku))];
    const existing = await blocks.lock(trx, skus);
    const width = slots.width * POSITION_FIELDS;
    const changed = new Map<string, Int32Array>();
    for (const record of records) {
      const data = changed.get(record.sku) ?? grown(existing.get(record.sku) ?? new Int32Array(width), width);
      const at = slots.slotOf(record.locationId)! * POSITION_FIELDS;
      data[at + ON_HAND] = record.onHand;
      data[at + INBOUND] = record.inbound;
      changed.set(record.sku, data);
    }
    await blocks.save(trx, [...changed].map(([sku, data]) => ({ sku, data })), clock.now().toISOString());
  }
}
