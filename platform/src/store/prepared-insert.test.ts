// PreparedInsert on SQLite and PostgreSQL: the rows Kysely's builder would insert, whatever the shape, in and out of transactions.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.js';
import { PreparedInsert } from './prepared-insert.js';
import { createTestStore, TEST_DIALECTS, type TestStore } from './test-stores.js';

interface Db {
  line: { order_id: string; line_no: number; sku: string; note: string | null };
}

describe.each(TEST_DIALECTS)('PreparedInsert on %s', (dialect) => {
  let test: TestStore;
  let store: Database<Db>;
  const insertLines = new PreparedInsert<Db, 'line'>('line', (insert) => insert.onConflict((oc) => oc.columns(['order_id', 'line_no']).doNothing()));

  beforeEach(async () => {
    test = await createTestStore(dialect, 'prepared_insert');
    store = openDatabase<Db>(test.config);
    await store.db.schema
      .createTable('line')
      .addColumn('order_id', 'text', (c) => c.notNull())
      .addColumn('line_no', 'integer', (c) => c.notNull())
      .addColumn('sku', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('line_pk', ['order_id', 'line_no'])
      .execute();
  });

  afterEach(async () => {
    await store.close();
    await test.drop();
  });

  const rows = async () => (await store.db.selectFrom('line').selectAll().orderBy('order_id').orderBy('line_no').execute()).map((r) => [r.order_id, Number(r.line_no), r.sku, r.note]);
  const lines = (orderId: string, count: number) => Array.from({ length: count }, (_, i) => ({ order_id: orderId, line_no: i + 1, sku: `SKU-${orderId}-${i + 1}`, note: i % 2 ? 'gift' : null }));

  it('inserts each call\'s rows, whatever their number, with each call\'s values', async () => {
    expect(await insertLines.inserted(store.db, lines('A', 1))).toBe(1);
    expect(await insertLines.inserted(store.db, lines('B', 3))).toBe(3);
    // The same shapes again, with other values.
    expect(await insertLines.inserted(store.db, lines('C', 1))).toBe(1);
    expect(await insertLines.inserted(store.db, lines('D', 3))).toBe(3);
    // More rows than it prepares for: built by Kysely, same outcome.
    expect(await insertLines.inserted(store.db, lines('E', 20))).toBe(20);
    expect(await rows()).toHaveLength(28);
    expect((await rows()).filter(([order]) => order === 'D')).toEqual([
      ['D', 1, 'SKU-D-1', null],
      ['D', 2, 'SKU-D-2', 'gift'],
      ['D', 3, 'SKU-D-3', null],
    ]);
  });

  it('keeps its finishing clause: rows already there are left alone and not counted', async () => {
    await insertLines.run(store.db, lines('A', 2));
    expect(await insertLines.inserted(store.db, [...lines('A', 2), { order_id: 'A', line_no: 3, sku: 'SKU-NEW', note: null }])).toBe(1);
    expect(await rows()).toEqual([
      ['A', 1, 'SKU-A-1', null],
      ['A', 2, 'SKU-A-2', 'gift'],
      ['A', 3, 'SKU-NEW', null],
    ]);
  });

  it('takes rows that give different columns (a column left out gets its default)', async () => {
    await insertLines.run(store.db, [{ order_id: 'A', line_no: 1, sku: 'X', note: 'first' }, { order_id: 'A', line_no: 2, sku: 'Y', note: undefined }]);
    await insertLines.run(store.db, [{ order_id: 'B', line_no: 1, sku: 'Z' }]);
    expect(await rows()).toEqual([
      ['A', 1, 'X', 'first'],
      ['A', 2, 'Y', null],
      ['B', 1, 'Z', null],
    ]);
  });

  it('leaves a value written as an expression to Kysely, which puts it into the statement', async () => {
    await insertLines.run(store.db, [{ order_id: 'A', line_no: 1, sku: sql<string>`upper(${'sku-x'})` as unknown as string, note: null }]);
    await insertLines.run(store.db, [{ order_id: 'B', line_no: 1, sku: sql<string>`lower(${'SKU-Y'})` as unknown as string, note: null }]);
    expect(await rows()).toEqual([
      ['A', 1, 'SKU-X', null],
      ['B', 1, 'sku-y', null],
    ]);
  });

  it('writes inside the caller\'s transaction, and nothing when it rolls back', async () => {
    await store.db.transaction().execute(async (trx) => {
      await insertLines.run(trx, lines('A', 2));
    });
    await expect(
      store.db.transaction().execute(async (trx) => {
        await insertLines.run(trx, lines('B', 2));
        throw new Error('the order failed');
      }),
    ).rejects.toThrow('the order failed');
    expect((await rows()).map(([order]) => order)).toEqual(['A', 'A']);
  });
});
