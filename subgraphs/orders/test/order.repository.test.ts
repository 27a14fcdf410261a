// Writing orders on SQLite and PostgreSQL: an order and its lines land together or not at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, migrateToLatest, type Database } from '@retail-hub/platform';
// Not re-exported from the platform index yet.
import { createTestStore, TEST_DIALECTS, type TestStore } from '@retail-hub/platform/store/test-stores';
import { ordersMigrations } from '../src/store/migrations.js';
import type { OrdersDatabase } from '../src/store/order-tables.js';
import { OrderRepository } from '../src/store/order.repository.js';
import { FIXTURE_ORDERS, orderRecord } from './order-fixtures.js';

describe.each(TEST_DIALECTS)('order repository on %s', (dialect) => {
  let store: TestStore;
  let database: Database<OrdersDatabase>;
  let orders: OrderRepository;

  beforeAll(async () => {
    store = await createTestStore(dialect, 'orders_repo');
    database = openDatabase<OrdersDatabase>(store.config);
    await migrateToLatest(database.db, database.dialect, ordersMigrations);
    orders = new OrderRepository(database.db);
  });

  afterAll(async () => {
    await database?.close();
    await store?.drop();
  });

  const fixture = (id: string, lines = FIXTURE_ORDERS[6]!.lines) => orderRecord({ ...FIXTURE_ORDERS[6]!, id, lines });

  it('numbers lines from 1 in the order given and reads them back by order', async () => {
    await orders.insert(fixture('ORD-R1'));
    await orders.insert(fixture('ORD-R2', [...FIXTURE_ORDERS[6]!.lines].reverse()));
    const lines = await orders.linesOf(['ORD-R2', 'ORD-R1']);
    expect(lines.map((l) => [l.order_id, l.line_no, l.sku, l.currency])).toEqual([
      ['ORD-R1', 1, 'SKU-000007', 'USD'],
      ['ORD-R1', 2, 'SKU-000008', 'USD'],
      ['ORD-R2', 1, 'SKU-000008', 'USD'],
      ['ORD-R2', 2, 'SKU-000007', 'USD'],
    ]);
  });

  it('writes nothing when a line is refused', async () => {
    const bad = fixture('ORD-R3');
    bad.lines[1] = { ...bad.lines[1]!, quantity: 0 };
    await expect(orders.insert(bad)).rejects.toThrow();
    expect(await orders.findByIds(['ORD-R3'])).toEqual([]);
    expect(await orders.linesOf(['ORD-R3'])).toEqual([]);
  });

  it("writes inside the caller's transaction, and nothing when the caller rolls back", async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await orders.insert(fixture('ORD-R4'), trx);
        expect((await trx.selectFrom('orders').select('id').where('id', '=', 'ORD-R4').execute()).length).toBe(1);
        throw new Error('placement failed after the insert');
      }),
    ).rejects.toThrow('placement failed');
    expect(await orders.findByIds(['ORD-R4'])).toEqual([]);
    expect(await orders.linesOf(['ORD-R4'])).toEqual([]);
  });

  it('keeps one order per idempotency key, any number without one', async () => {
    await orders.insert(orderRecord({ ...FIXTURE_ORDERS[0]!, id: 'ORD-R5' }, 'key-1'));
    await expect(orders.insert(orderRecord({ ...FIXTURE_ORDERS[0]!, id: 'ORD-R6' }, 'key-1'))).rejects.toThrow();
    expect(await orders.findByIds(['ORD-R6'])).toEqual([]);
    await orders.insert(orderRecord({ ...FIXTURE_ORDERS[0]!, id: 'ORD-R7' }));
    await orders.insert(orderRecord({ ...FIXTURE_ORDERS[0]!, id: 'ORD-R8' }));
    expect((await orders.findByIds(['ORD-R7', 'ORD-R8'])).length).toBe(2);
  });

  it('refuses an instant that is not one instead of storing text that sorts anywhere', async () => {
    await expect(orders.insert(orderRecord({ ...FIXTURE_ORDERS[0]!, id: 'ORD-R9', placedAt: 'last tuesday' }))).rejects.toThrow(/ISO-8601/);
    expect(await orders.findByIds(['ORD-R9'])).toEqual([]);
  });
});
