// A placement that recovery gave up on, on SQLite and PostgreSQL: its idempotency key gives a definite answer from then on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, migrateToLatest, systemClock, type Database } from '@retail-hub/platform';
// Not re-exported from the platform index yet.
import { createTestStore, TEST_DIALECTS, type TestStore } from '@retail-hub/platform/store/test-stores';
import { placeOrderWorkflow, type PlaceOrderWorkflowDeps } from '../src/workflows/place-order.workflow.js';
import type { PlacementState } from '../src/workflows/place-order/placement-state.js';
import { IdempotencyKeyRepository } from '../src/store/idempotency-key.repository.js';
import { ordersMigrations } from '../src/store/migrations.js';
import type { OrdersDatabase } from '../src/store/order-tables.js';

describe.each(TEST_DIALECTS)('a placement left FAILED on %s', (dialect) => {
  let store: TestStore;
  let database: Database<OrdersDatabase>;

  beforeAll(async () => {
    store = await createTestStore(dialect, 'orders_failed');
    database = openDatabase<OrdersDatabase>(store.config);
    await migrateToLatest(database.db, database.dialect, ordersMigrations);
  });

  afterAll(async () => {
    await database?.close();
    await store?.drop();
  });

  it('completes its key with PLACEMENT_FAILED, so a retry is told so instead of "still being processed" for ever', async () => {
    const keys = new IdempotencyKeyRepository(database.db);
    expect(await keys.claim({ key: 'key:web|checkout-7', fingerprint: 'f', orderId: 'ORD-F1', now: new Date().toISOString() })).toBe(true);
    // onFailed needs only the keys and the clock; the steps' clients are never called.
    const workflow = placeOrderWorkflow({ keys, clock: systemClock, paymentWindowSeconds: 60 } as unknown as PlaceOrderWorkflowDeps);
    await workflow.onFailed!({ key: 'key:web|checkout-7', orderId: 'ORD-F1' } as PlacementState, { sagaId: 'ORD-F1', resumed: true });

    const row = await keys.find('key:web|checkout-7');
    expect(row).toMatchObject({ status: 'COMPLETED', order_id: 'ORD-F1', fingerprint: 'f' });
    expect(JSON.parse(row!.result!)).toEqual({ errors: [{ code: 'PLACEMENT_FAILED', field: null, message: expect.stringContaining('ORD-F1 could neither be placed nor undone') }] });
  });

  it('leaves a key that already holds the order alone: the order was recorded before the process died', async () => {
    const keys = new IdempotencyKeyRepository(database.db);
    const now = new Date().toISOString();
    await keys.claim({ key: 'key:web|checkout-8', fingerprint: 'f', orderId: 'ORD-F2', now, result: { orderId: 'ORD-F2' } });
    const workflow = placeOrderWorkflow({ keys, clock: systemClock, paymentWindowSeconds: 60 } as unknown as PlaceOrderWorkflowDeps);
    await workflow.onFailed!({ key: 'key:web|checkout-8', orderId: 'ORD-F2' } as PlacementState, { sagaId: 'ORD-F2', resumed: true });
    expect(JSON.parse((await keys.find('key:web|checkout-8'))!.result!)).toEqual({ orderId: 'ORD-F2' });
  });
});
