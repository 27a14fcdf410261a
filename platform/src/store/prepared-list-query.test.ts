// PreparedListQuery on SQLite and PostgreSQL: each call's rows for lists of any length, one build per set of lengths.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { openDatabase, type Database } from './database.js';
import { PreparedListQuery } from './prepared-list-query.js';
import { createTestStore, TEST_DIALECTS, type TestStore } from './test-stores.js';

interface Db {
  stock: { sku: string; location_id: string; on_hand: number };
}

const SKUS = Array.from({ length: 20 }, (_, i) => `S${String(i).padStart(2, '0')}`);
const LOCATIONS = ['L1', 'L2', 'L3'];

describe.each(TEST_DIALECTS)('PreparedListQuery on %s', (dialect) => {
  let test: TestStore;
  let store: Database<Db>;
  let builds: number;
  let atLocations: PreparedListQuery<Db, { minimum: number }, { skus: readonly string[]; locationIds: readonly string[] }, { sku: string; location_id: string; on_hand: number }>;

  beforeEach(async () => {
    test = await createTestStore(dialect, 'prepared_list');
    store = openDatabase<Db>(test.config);
    await store.db.schema.createTable('stock').addColumn('sku', 'text').addColumn('location_id', 'text').addColumn('on_hand', 'integer').addPrimaryKeyConstraint('stock_pk', ['sku', 'location_id']).execute();
    await store.db.insertInto('stock').values(SKUS.flatMap((sku, i) => LOCATIONS.map((location_id, j) => ({ sku, location_id, on_hand: i + j })))).execute();
    builds = 0;
    atLocations = new PreparedListQuery((db: Kysely<Db>, { minimum }, { skus, locationIds }) => {
      builds++;
      return db.selectFrom('stock').select(['sku', 'location_id', 'on_hand']).where('sku', 'in', skus).where('location_id', 'in', locationIds).where('on_hand', '>=', minimum).orderBy('sku').orderBy('location_id');
    });
  });

  afterEach(async () => {
    await store.close();
    await test.drop();
  });

  const keys = (rows: { sku: string; location_id: string; on_hand: number }[]) => rows.map((r) => `${r.sku}@${r.location_id}=${Number(r.on_hand)}`);

  it('answers with each call\'s values, building once per combination of list lengths', async () => {
    expect(keys(await atLocations.rows(store.db, { minimum: 0 }, { skus: ['S01', 'S02'], locationIds: ['L1'] }))).toEqual(['S01@L1=1', 'S02@L1=2']);
    // Same lengths, other values (and a value that filters): no new build.
    expect(keys(await atLocations.rows(store.db, { minimum: 5 }, { skus: ['S03', 'S07'], locationIds: ['L3'] }))).toEqual(['S03@L3=5', 'S07@L3=9']);
    expect(builds).toBe(1);
    // Another length of either list is another shape.
    expect(keys(await atLocations.rows(store.db, { minimum: 0 }, { skus: ['S04'], locationIds: ['L1', 'L2'] }))).toEqual(['S04@L1=4', 'S04@L2=5']);
    expect(keys(await atLocations.rows(store.db, { minimum: 0 }, { skus: ['S05'], locationIds: ['L2', 'L1'] }))).toEqual(['S05@L1=5', 'S05@L2=6']);
    expect(builds).toBe(2);
    // Inside a transaction, on the transaction's connection.
    await store.db.transaction().execute(async (trx) => {
      await trx.updateTable('stock').set({ on_hand: 99 }).where('sku', '=', 'S04').where('location_id', '=', 'L1').execute();
      expect(keys(await atLocations.rows(trx, { minimum: 0 }, { skus: ['S04'], locationIds: ['L1', 'L3'] }))).toEqual(['S04@L1=99', 'S04@L3=6']);
    });
    expect(builds).toBe(2);
  });

  it('builds a list longer than it keeps shapes for each time, with the same answer', async () => {
    const all = await atLocations.rows(store.db, { minimum: 0 }, { skus: SKUS, locationIds: ['L2'] });
    expect(all).toHaveLength(20);
    expect(keys(all).slice(0, 2)).toEqual(['S00@L2=1', 'S01@L2=2']);
    await atLocations.rows(store.db, { minimum: 0 }, { skus: SKUS, locationIds: ['L3'] });
    expect(builds).toBe(2);
  });
});
