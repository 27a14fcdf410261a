// The first load of a full-size price list (2,000 SKUs x 5 conditions) is complete and emits no events, on SQLite and PostgreSQL.
// How fast it is belongs to bench/first-start.bench.ts, not here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, InProcessBus, migrateToLatest, openDatabase, ServiceEvents, silentLogger, systemClock, TEST_DIALECTS } from '@retail-hub/platform';
import { openTestErp, type TestErp } from '@retail-hub/erp';
import { PriceConditionsSync } from '../src/sources/price-conditions.sync.js';
import { pricingMigrations } from '../src/store/migrations.js';
import type { PricingDatabase } from '../src/store/pricing-tables.js';

describe('initial price load', () => {
  let erp: TestErp;

  beforeAll(async () => {
    erp = await openTestErp({ skus: 2000, stores: 12 });
  });

  afterAll(async () => {
    await erp?.close();
  });

  it.each(TEST_DIALECTS)('loads every ERP condition of 2,000 SKUs, without an event per row, on %s', async (dialect) => {
    const test = await createTestStore(dialect, 'pricing_load');
    const store = openDatabase<PricingDatabase>(test.config);
    try {
      await migrateToLatest(store.db, store.dialect, pricingMigrations);
      const events = new ServiceEvents({ service: 'pricing', db: store.db, dialect, bus: new InProcessBus(), clock: systemClock, logger: silentLogger() });
      const sync = new PriceConditionsSync({ db: store.db, dialect, priceConditions: erp.ports.priceConditions, events, clock: systemClock, logger: silentLogger() });

      const applied = await sync.syncNow();

      const erpConditions = (await erp.erp.db.selectFrom('price_condition').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
      const loaded = await store.db.selectFrom('list_price').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(applied).toBe(Number(erpConditions));
      expect(Number(loaded.n)).toBe(Number(erpConditions));
      expect(Number(erpConditions)).toBeGreaterThanOrEqual(10_000);
      const outbox = await store.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(outbox.n)).toBe(0);
    } finally {
      await store.close();
      await test.drop();
    }
  });
});
