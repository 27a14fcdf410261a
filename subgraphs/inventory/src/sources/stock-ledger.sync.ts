// Keeps the inventory view in step with the ERP stock ledger: locations whole, positions by change feed.
import { ChangeFeedSync, type Clock, type Logger, type ServiceEvents } from '@retail-hub/platform';
import type { LocationRecord, StockLedgerPort, StockPosition } from '@retail-hub/erp';
import type { Kysely } from 'kysely';
import type { InventoryDatabase } from '../store/inventory-tables.js';
import type { LocationRepository, LocationRow } from '../store/location.repository.js';
import type { StockPositionRepository } from '../store/stock-position.repository.js';
import { PositionChangesProjection } from './position-changes.projection.js';

export interface StockLedgerSyncOptions {
  db: Kysely<InventoryDatabase>;
  ledger: StockLedgerPort;
  locations: LocationRepository;
  positions: StockPositionRepository;
  events: ServiceEvents;
  clock: Clock;
  logger: Logger;
  /** @default 2000 */
  intervalMs?: number;
  onProgress?: (feed: string, records: number) => void;
}

export const POSITIONS_FEED = 'erp.stock-positions';

export class StockLedgerSync {
  private readonly positions: ChangeFeedSync<StockPosition, InventoryDatabase>;
  private readonly knownLocations = new Set<string>();
  private locationTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: StockLedgerSyncOptions) {
    const projection = new PositionChangesProjection(options.positions, options.events, options.clock);
    this.positions = new ChangeFeedSync({
      feed: POSITIONS_FEED,
      db: options.db,
      clock: options.clock,
      logger: options.logger,
      intervalMs: options.intervalMs,
      pageSize: 5000,
      fetchPage: (after, limit) => this.fetchPositions(after, limit),
      apply: (trx, records, initialLoad) => projection.apply(trx, records, initialLoad),
      afterPage: () => options.events.relay.kick(),
      onProgress: options.onProgress,
    });
  }

  /** When the ERP's position feed last answered; what `asOf` and `stale` are measured from. */
  get lastSuccessAt(): Date | null {
    return this.positions.lastSuccessAt;
  }

  async start(): Promise<void> {
    for (const id of await this.options.locations.allIds()) this.knownLocations.add(id);
    await this.refreshLocations().catch((error) => this.options.logger.warn({ err: error }, 'location refresh failed'));
    await this.positions.start();
    await this.options.positions.ensureLocationIndex();
    // Locations are few and rarely change: reloading them whole is simpler than a feed.
    this.locationTimer = setInterval(() => void this.refreshLocations().catch(() => undefined), (this.options.intervalMs ?? 2000) * 10);
    this.locationTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.locationTimer) clearInterval(this.locationTimer);
    await this.positions.stop();
  }

  /** Reads the position feed until caught up; returns how many records it applied. */
  syncNow(): Promise<number> {
    return this.positions.syncNow();
  }

  async refreshLocations(): Promise<void> {
    const records = await this.options.ledger.getLocations();
    await this.options.locations.upsert(this.options.db, records.map(toLocationRow));
    for (const r of records) this.knownLocations.add(r.id);
  }

  /** A page naming a location the view lacks (opened in the ERP since the last refresh) refreshes locations first, so every level has its location. */
  private async fetchPositions(after: string | null, limit: number) {
    const page = await this.options.ledger.positionChanges(after, limit);
    if (page.records.some((p) => !this.knownLocations.has(p.locationId))) await this.refreshLocations();
    return page;
  }
}

export function toLocationRow(l: LocationRecord): LocationRow {
  return {
    id: l.id,
    code: l.code,
    name: l.name,
    type: l.type,
    region: l.region,
    time_zone: l.timeZone,
    active: l.active ? 1 : 0,
    search_text: [l.id, l.code, l.name].join(' ').toLowerCase(),
  };
}
