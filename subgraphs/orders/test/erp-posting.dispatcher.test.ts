// Two replicas of orders sending one posting queue to the real embedded ERP, on SQLite and PostgreSQL: each posting is sent once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessBus, migrateToLatest, openDatabase, ServiceEvents, silentLogger, systemClock, type Database } from '@retail-hub/platform';
// Not re-exported from the platform index yet.
import { createTestStore, TEST_DIALECTS, type TestStore } from '@retail-hub/platform/store/test-stores';
import { openTestErp, type SalesFinancePort, type SalesPosting, type TestErp } from '@retail-hub/erp';
import { createErpPostingDispatcher } from '../src/sources/erp-posting.dispatcher.js';
import { salesDocumentPosting } from '../src/services/erp-postings.js';
import { ErpPostingRepository } from '../src/store/erp-posting.repository.js';
import { ordersMigrations } from '../src/store/migrations.js';
import type { OrdersDatabase } from '../src/store/order-tables.js';

const POSTINGS = 200;

describe.each(TEST_DIALECTS)('ERP postings sent by two replicas on %s', (dialect) => {
  let erp: TestErp;
  let store: TestStore;
  const replicas: Database<OrdersDatabase>[] = [];

  beforeAll(async () => {
    erp = await openTestErp({ skus: 20, stores: 2 });
    store = await createTestStore(dialect, 'erp_dispatch');
    // Each replica has its own connection (SQLite) or pool (PostgreSQL) to the one orders store.
    for (let i = 0; i < 2; i++) replicas.push(openDatabase<OrdersDatabase>(store.config));
    await migrateToLatest(replicas[0]!.db, dialect, ordersMigrations);
  });

  afterAll(async () => {
    for (const r of replicas) await r.close();
    await store?.drop();
    await erp?.close();
  });

  it('books every posting once, sent by one replica or the other, never both, each POSTED after one attempt', async () => {
    const now = new Date().toISOString();
    const queued = Array.from({ length: POSTINGS }, (_, i) => salesDocumentPosting({ id: `ORD-R${i}`, channel: 'STORE', locationId: 'LOC-S0001', currency: 'USD' }, [{ sku: 'SKU-000001', quantity: 1, lineTotalCentAmount: 100 + i }], now));
    await new ErpPostingRepository(replicas[0]!.db).enqueue(replicas[0]!.db, queued, now);

    // The real ERP, counting what each replica sends, a few milliseconds per batch so the two passes overlap.
    const sent = new Map<string, number>();
    const counted: SalesFinancePort = {
      ...erp.ports.salesFinance,
      postDocuments: async (postings: readonly SalesPosting[]) => {
        for (const p of postings) sent.set(p.postingId, (sent.get(p.postingId) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 5));
        return erp.ports.salesFinance.postDocuments(postings);
      },
      getPostings: (ids) => erp.ports.salesFinance.getPostings(ids),
    };
    const dispatchers = replicas.map((r) => {
      const events = new ServiceEvents({ service: 'orders', db: r.db, dialect, bus: new InProcessBus(), clock: systemClock, logger: silentLogger() });
      return createErpPostingDispatcher({ db: r.db, events, salesFinance: counted, postings: new ErpPostingRepository(r.db), clock: systemClock, logger: silentLogger(), settings: { ratePerSecond: 10_000 } });
    });
    await Promise.all(dispatchers.map((d) => d.drain()));

    expect([...sent.values()].filter((n) => n !== 1), 'postings sent more than once').toEqual([]);
    expect(sent.size).toBe(POSTINGS);
    const rows = await replicas[0]!.db.selectFrom('erp_posting').select(['status', 'attempts', 'last_error']).execute();
    expect(rows.filter((r) => r.status !== 'POSTED' || r.attempts !== 1 || r.last_error !== null), 'postings not POSTED after one clean attempt').toEqual([]);
    const booked = await erp.ports.salesFinance.getPostings(queued.map((q) => q.postingId));
    expect(booked.filter((b) => b === null)).toEqual([]);
    const events = await replicas[0]!.db.selectFrom('outbox').select('type').where('type', '=', 'orders.posting.posted.v1').execute();
    expect(events).toHaveLength(POSTINGS);
  });

  it('dead-letters a posting the ERP refuses and sends the rest of its batch again at once, not after their claim runs out', async () => {
    const now = new Date().toISOString();
    const order = (id: string, locationId: string) => ({ id, channel: 'STORE', locationId, currency: 'USD' });
    const line = [{ sku: 'SKU-000002', quantity: 1, lineTotalCentAmount: 250 }];
    const queued = [salesDocumentPosting(order('ORD-OK1', 'LOC-S0001'), line, now), salesDocumentPosting(order('ORD-BAD', 'LOC-NOWHERE'), line, now), salesDocumentPosting(order('ORD-OK2', 'LOC-S0001'), line, now)];
    const db = replicas[0]!.db;
    await new ErpPostingRepository(db).enqueue(db, queued, now);
    const events = new ServiceEvents({ service: 'orders', db, dialect, bus: new InProcessBus(), clock: systemClock, logger: silentLogger() });
    await createErpPostingDispatcher({ db, events, salesFinance: erp.ports.salesFinance, postings: new ErpPostingRepository(db), clock: systemClock, logger: silentLogger() }).drain();

    const rows = await db.selectFrom('erp_posting').select(['order_id', 'status']).where('order_id', 'in', ['ORD-OK1', 'ORD-BAD', 'ORD-OK2']).orderBy('order_id').execute();
    expect(rows).toEqual([
      { order_id: 'ORD-BAD', status: 'DEAD' },
      { order_id: 'ORD-OK1', status: 'POSTED' },
      { order_id: 'ORD-OK2', status: 'POSTED' },
    ]);
  });
});
