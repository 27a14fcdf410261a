// Keeps the location projection (id, region, time zone) in step with the ERP location master, reloaded whole.
import type { Logger } from '@retail-hub/platform';
import type { StockLedgerPort } from '@retail-hub/erp';
import type { Kysely } from 'kysely';
import { LocationRepository } from '../store/location.repository.js';
import type { PricingDatabase } from '../store/pricing-tables.js';

export interface LocationsSyncOptions {
  db: Kysely<PricingDatabase>;
  stockLedger: StockLedgerPort;
  logger: Logger;
  /** The price feed's poll interval; locations are reloaded ten times less often. @default 2000 */
  intervalMs?: number;
}

export class LocationsSync {
  private readonly locations: LocationRepository;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: LocationsSyncOptions) {
    this.locations = new LocationRepository(options.db);
  }

  /** Never fails start: with the ERP down the last loaded locations keep serving. */
  async start(): Promise<void> {
    await this.refreshQuietly();
    // Locations are few and rarely change: reloading them whole is simpler than a feed.
    this.timer = setInterval(() => void this.refreshQuietly(), (this.options.intervalMs ?? 2000) * 10);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Reloads every location; returns how many the ERP has. */
  async refresh(): Promise<number> {
    const records = await this.options.stockLedger.getLocations();
    // An empty answer is an ERP fault, not a retailer without locations: keep what we have.
    if (records.length === 0) throw new Error('the ERP returned no locations');
    await this.locations.replaceAll(records.map((l) => ({ id: l.id, region: l.region, time_zone: l.timeZone, type: l.type })));
    return records.length;
  }

  private async refreshQuietly(): Promise<void> {
    await this.refresh().catch((error) => this.options.logger.warn({ err: error }, 'location refresh failed; serving the last loaded locations'));
  }
}
