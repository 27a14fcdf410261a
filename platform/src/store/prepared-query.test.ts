// PreparedQuery on SQLite and PostgreSQL: the same rows as Kysely's builder, built once per store, inside transactions too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type Database } from './database.js';
import { PreparedQuery } from './prepared-query.js';
import { createTestStore, TEST_DIALECTS, type TestStore } from './test-stores.js';

interface Db {
  stock: { sku: string; location_id: string; on_hand: number; reserved: number };
}

describe.each(TEST_DIALECTS)('PreparedQuery on %s', (dialect) => {
  let test: TestStore;
  let store: Database<Db>;
  let builds: number;
  let hold: PreparedQuery<Db, { sku: string; locationId: string; quantity: number }, { reserved: number }>;

  beforeEach(async () => {
    test = await createTestStore(dialect, 'prepared');
    store = openDatabase<Db>(test.config);
    await store.db.schema.createTable('stock').addColumn('sku', 'text').addColumn('location_id', 'text').addColumn('on_hand', 'integer').addColumn('reserved', 'integer').addPrimaryKeyConstraint('stock_pk', ['sku', 'location_id']).execute();
    await store.db.insertInto('stock').values([{ sku: 'A', location_id: 'L1', on_hand: 5, reserved: 0 }, { sku: 'A', location_id: 'L2', on_hand: 1, reserved: 0 }]).execute();
    builds = 0;
    // The quantity twice (the new value and the guard), and a constant of the query (0) between them.
    hold = new PreparedQuery((db: Kysely<Db>, v) => {
      builds++;
      return db
        .updateTable('stock')
        .set((eb) => ({ reserved: eb('reserved', '+', v.quantity) }))
        .where('sku', '=', v.sku)
        .where('location_id', '=', v.locationId)
        .where('reserved', '>=', 0)
        .where(sql<number>`on_hand - reserved`, '>=', v.quantity)
        .returning(['reserved']);
    });
  });

  afterEach(async () => {
    await store.close();
    await test.drop();
  });

  it('runs with each call\'s values, in and out of transactions, building the query once per store', async () => {
    expect(await hold.first(store.db, { sku: 'A', locationId: 'L1', quantity: 2 })).toEqual({ reserved: 2 });
    await store.db.transaction().execute(async (trx) => {
      expect(await hold.first(trx, { sku: 'A', locationId: 'L1', quantity: 3 })).toEqual({ reserved: 5 });
      // Not enough left: the guard holds, nothing changes.
      expect(await hold.first(trx, { sku: 'A', locationId: 'L1', quantity: 1 })).toBeUndefined();
      expect(await hold.first(trx, { sku: 'A', locationId: 'L2', quantity: 1 })).toEqual({ reserved: 1 });
    });
    expect(builds).toBe(1);
    const rows = await store.db.selectFrom('stock').select(['location_id', 'reserved']).orderBy('location_id').execute();
    expect(rows.map((r) => [r.location_id, Number(r.reserved)])).toEqual([['L1', 5], ['L2', 1]]);

    // Another store (its own dialect adapter) builds its own.
    const other = openDatabase<Db>(test.config);
    try {
      expect(await hold.first(other.db, { sku: 'A', locationId: 'L2', quantity: 5 })).toBeUndefined();
      expect(builds).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('counts affected rows, and refuses a run that leaves a value out', async () => {
    const insert = new PreparedQuery((db: Kysely<Db>, v: { sku: string; locationId: string }) => db.insertInto('stock').values({ sku: v.sku, location_id: v.locationId, on_hand: 0, reserved: 0 }).onConflict((oc) => oc.columns(['sku', 'location_id']).doNothing()));
    expect(await insert.affected(store.db, { sku: 'B', locationId: 'L1' })).toBe(1);
    expect(await insert.affected(store.db, { sku: 'B', locationId: 'L1' })).toBe(0);
    await expect(insert.affected(store.db, { sku: 'C' } as { sku: string; locationId: string })).rejects.toThrow('no value for "locationId"');
    const skus = await store.db.selectFrom('stock').select('sku').where('sku', 'in', ['B', 'C']).execute();
    expect(skus).toEqual([{ sku: 'B' }]);
  });
});
