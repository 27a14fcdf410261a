// Pricing's stock view from inventory's events, on SQLite and PostgreSQL: a run of events leaves what applying them in turn would.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEnvelope, createTestStore, InProcessBus, migrateToLatest, openDatabase, ServiceEvents, silentLogger, TEST_DIALECTS, ControllableClock, type Database, type TestStore } from '@retail-hub/platform';
import { DemandRepository } from '../store/demand.repository.js';
import { pricingMigrations } from '../store/migrations.js';
import type { PricingDatabase } from '../store/pricing-tables.js';
import { consumeStockChanges } from './stock-changed.consumer.js';

describe.each(TEST_DIALECTS)('pricing stock view on %s', (dialect) => {
  let test: TestStore;
  let store: Database<PricingDatabase>;
  let bus: InProcessBus;
  let events: ServiceEvents;
  const clock = new ControllableClock();
  /** What the bus warns about: a run that fails is delivered again one event at a time, with a warning. */
  let warnings: unknown[];

  beforeEach(async () => {
    test = await createTestStore(dialect, 'pricing_stock_view');
    store = openDatabase<PricingDatabase>(test.config);
    await migrateToLatest(store.db, store.dialect, pricingMigrations);
    warnings = [];
    bus = new InProcessBus({ warn: (...args: unknown[]) => void warnings.push(args) } as unknown as ConstructorParameters<typeof InProcessBus>[0]);
    events = new ServiceEvents({ service: 'pricing', db: store.db, dialect, bus, clock, logger: silentLogger() });
    await consumeStockChanges(events, store.db, new DemandRepository(store.db, dialect));
  });

  afterEach(async () => {
    await events.stop();
    await bus.close();
    await store.close();
    await test.drop();
  });

  const changed = (sku: string, locationId: string, available: number, asOf: string) =>
    createEnvelope('inventory', { type: 'inventory.stock.changed.v1', subject: `${sku}@${locationId}`, data: { sku, locationId, onHand: available, reserved: 0, available, inbound: 1, previous: { onHand: 0, reserved: 0, inbound: 0 }, reason: 'ADJUSTMENT:COUNT', asOf } }, clock);

  it('keeps the newest report of each position from a run that repeats positions, however they are ordered', async () => {
    await bus.publish([
      changed('SKU-1', 'LOC-1', 5, '2026-11-27T10:00:00.000Z'),
      changed('SKU-1', 'LOC-2', 7, '2026-11-27T10:00:00.000Z'),
      changed('SKU-1', 'LOC-1', 3, '2026-11-27T10:00:02.000Z'),
      // Older than the report before it (an ERP catch-up's page arriving late): it must not win.
      changed('SKU-1', 'LOC-1', 9, '2026-11-27T10:00:01.000Z'),
      changed('SKU-2', 'LOC-1', 4, '2026-11-27T10:00:00.000Z'),
      // The same time as the report before it: the later event wins, as it would one at a time.
      changed('SKU-2', 'LOC-1', 6, '2026-11-27T10:00:00.000Z'),
    ]);
    await bus.publish([changed('SKU-1', 'LOC-2', 1, '2026-11-27T09:00:00.000Z')]);

    const rows = await store.db.selectFrom('demand_cover').select(['sku', 'location_id', 'available', 'stock_as_of']).orderBy('sku').orderBy('location_id').execute();
    expect(rows.map((r) => [r.sku, r.location_id, Number(r.available), r.stock_as_of])).toEqual([
      ['SKU-1', 'LOC-1', 3, '2026-11-27T10:00:02.000Z'],
      ['SKU-1', 'LOC-2', 7, '2026-11-27T10:00:00.000Z'],
      ['SKU-2', 'LOC-1', 6, '2026-11-27T10:00:00.000Z'],
    ]);
    // Handled as one run: PostgreSQL would refuse a statement that upserts one position twice.
    expect(warnings).toEqual([]);
  });
});
