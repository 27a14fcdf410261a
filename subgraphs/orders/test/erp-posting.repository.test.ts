// The dispatcher's poll on SQLite and PostgreSQL: pending postings that are due, oldest first, read from an index in that order;
// claims, so replicas do not send one posting twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, type LogEvent } from 'kysely';
import { openDatabase, migrateToLatest, type Database } from '@retail-hub/platform';
// Not re-exported from the platform index yet.
import { createTestStore, TEST_DIALECTS, type TestStore } from '@retail-hub/platform/store/test-stores';
import { ordersMigrations } from '../src/store/migrations.js';
import type { OrdersDatabase } from '../src/store/order-tables.js';
import { ErpPostingRepository } from '../src/store/erp-posting.repository.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 28, 9, minute)).toISOString();
const posting = (id: string) => ({ postingId: id, orderId: `ORD-${id}`, kind: 'SALES_DOCUMENT', payload: { id } });

describe.each(TEST_DIALECTS)('ERP posting queue on %s', (dialect) => {
  let store: TestStore;
  let database: Database<OrdersDatabase>;
  let postings: ErpPostingRepository;
  const queries: LogEvent[] = [];

  beforeAll(async () => {
    store = await createTestStore(dialect, 'erp_posting_repo');
    database = openDatabase<OrdersDatabase>(store.config, { onQuery: (event) => queries.push(event) });
    await migrateToLatest(database.db, database.dialect, ordersMigrations);
    postings = new ErpPostingRepository(database.db);
    // Queued at minutes 1-4 (two at minute 2, to show the tie-break), one posted, one dead, one retrying later.
    await postings.enqueue(database.db, [posting('P-4')], at(4));
    await postings.enqueue(database.db, [posting('P-2b'), posting('P-2a')], at(2));
    await postings.enqueue(database.db, [posting('P-1'), posting('P-posted'), posting('P-dead'), posting('P-retry')], at(1));
    await postings.markPosted(database.db, 'P-posted', 'DOC-1', 1, at(1));
    await postings.markFailed(database.db, 'P-dead', 5, 'refused', null, at(1));
    await postings.markFailed(database.db, 'P-retry', 1, 'timeout', at(30), at(1));
  });

  afterAll(async () => {
    await database?.close();
    await store?.drop();
  });

  it('polls the pending postings that are due, oldest first, then by id, up to the limit', async () => {
    expect((await postings.due(at(10), 10)).map((p) => p.posting_id)).toEqual(['P-1', 'P-2a', 'P-2b', 'P-4']);
    expect((await postings.due(at(10), 2)).map((p) => p.posting_id)).toEqual(['P-1', 'P-2a']);
    // Not yet due: a posting queued later, and one waiting out its backoff.
    expect((await postings.due(at(3), 10)).map((p) => p.posting_id)).toEqual(['P-1', 'P-2a', 'P-2b']);
    expect((await postings.due(at(30), 10)).map((p) => p.posting_id)).toEqual(['P-1', 'P-2a', 'P-2b', 'P-4', 'P-retry']);
  });

  it('lets one caller claim a due posting, gives claimed ones back, and never turns a POSTED one back', async () => {
    expect(await postings.lease(['P-1', 'P-2a', 'P-posted'], at(10), at(40))).toEqual(new Set(['P-1', 'P-2a']));
    // Another replica, a moment later: they are no longer due.
    expect(await postings.lease(['P-1', 'P-2a'], at(10), at(40))).toEqual(new Set());
    expect((await postings.due(at(10), 10)).map((p) => p.posting_id)).toEqual(['P-2b', 'P-4']);
    await postings.release(database.db, ['P-1', 'P-2a'], at(10));
    expect(new Set((await postings.due(at(10), 10)).map((p) => p.posting_id))).toEqual(new Set(['P-1', 'P-2a', 'P-2b', 'P-4']));
    // A replica whose send failed after another's booked it records nothing over the booking.
    expect(await postings.markFailed(database.db, 'P-posted', 2, 'late failure', null, at(11))).toBe(false);
    expect(await postings.find('P-posted')).toMatchObject({ status: 'POSTED', attempts: 1, last_error: null, document_no: 'DOC-1' });
  });

  it('filters by error text exactly as typed: underscores and percent signs are text, and case counts', async () => {
    const db = database.db;
    await postings.enqueue(db, [posting('E-1'), posting('E-2'), posting('E-3')], at(5));
    await postings.markFailed(db, 'E-1', 1, 'duplicate key violates ledger_document_posting_id_key', at(50), at(5));
    await postings.markFailed(db, 'E-2', 1, 'ERP unavailable: Timeout after 5000 ms', at(50), at(5));
    await postings.markFailed(db, 'E-3', 1, '100% of ledgerXdocument', at(50), at(5));
    expect(await postings.ids({ errorContains: 'ledger_document' }, 10)).toEqual(['E-1']);
    expect(await postings.ids({ errorContains: '100%' }, 10)).toEqual(['E-3']);
    expect(await postings.ids({ errorContains: 'Timeout' }, 10)).toEqual(['E-2']);
    // P-retry's "timeout", not E-2's "Timeout".
    expect(await postings.ids({ errorContains: 'timeout' }, 10)).toEqual(['P-retry']);
  });

  // SQLite has no statistics to steer it: the plan is the index's to get right. (PostgreSQL plans by its own statistics.)
  if (dialect === 'sqlite') it('reads the poll from an index in its own order, not by sorting every pending posting', async () => {
    queries.length = 0;
    await postings.due(at(10), 100);
    const poll = queries.find((q) => q.query.sql.includes('from "erp_posting"'))!.query;
    const explained = await database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${poll.sql}`, [...poll.parameters]));
    const details = explained.rows.map((r) => r.detail).join(' | ');
    expect(details).toContain('USING INDEX erp_posting_due');
    expect(details).not.toContain('TEMP B-TREE');
  });
});
