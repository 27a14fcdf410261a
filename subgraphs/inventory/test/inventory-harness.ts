// Starts the inventory subgraph in process against a real seeded ERP, with a side connection to its store for assertions.
import { sql, type Kysely } from 'kysely';
import { openDatabase, testSubgraphDeps, type Database, type Dialect } from '@retail-hub/platform';
// The platform index does not export the test stores yet; its documented subpath does.
import { createTestStore, type TestStore } from '@retail-hub/platform/store/test-stores';
import { openTestErp, type StockLedgerPort, type TestErp } from '@retail-hub/erp';
import { createInventorySubgraph, type InventorySubgraph } from '../src/server.js';
import type { StockChangedV1 } from '../src/events/stock-changed.event.js';
import type { InventoryDatabase } from '../src/store/inventory-tables.js';

export interface InventoryHarness {
  erp: TestErp;
  store: TestStore;
  deps: ReturnType<typeof testSubgraphDeps>;
  subgraph: InventorySubgraph;
  /** A second connection to the subgraph's store, to look at what it wrote. */
  db: Kysely<InventoryDatabase>;
  close(): Promise<void>;
}

export interface OutboxEvent {
  type: string;
  subject: string | null;
  data: StockChangedV1;
}

export async function startInventory(dialect: Dialect, options: { stockLedger?: (ports: TestErp['ports']) => StockLedgerPort } = {}): Promise<InventoryHarness> {
  const erp = await openTestErp();
  const store = await createTestStore(dialect, 'inventory');
  const deps = testSubgraphDeps(store.config);
  const subgraph = await createInventorySubgraph({ ...deps, erp: { stockLedger: options.stockLedger?.(erp.ports) ?? erp.ports.stockLedger } });
  await subgraph.start();
  const side: Database<InventoryDatabase> = openDatabase<InventoryDatabase>(store.config);
  return {
    erp,
    store,
    deps,
    subgraph,
    db: side.db,
    async close() {
      await subgraph.stop();
      await side.close();
      await store.drop();
      await erp.close();
    },
  };
}

/** Every event in the outbox, oldest first. */
export async function outboxEvents(db: Kysely<InventoryDatabase>): Promise<OutboxEvent[]> {
  const rows = await db.selectFrom('outbox').select(['type', 'subject', 'data']).orderBy('seq').execute();
  return rows.map((r) => ({ type: r.type, subject: r.subject, data: JSON.parse(r.data) as StockChangedV1 }));
}

/** What must not change when a request is refused: the ERP position, the hub's row, its events and its adjustment journal. */
export async function snapshot(h: InventoryHarness, sku: string, locationId: string) {
  const [erpPosition] = await h.erp.erp.ports.stockLedger.getPositions([{ sku, locationId }]);
  const row = await h.db.selectFrom('stock_position').selectAll().where('sku', '=', sku).where('location_id', '=', locationId).executeTakeFirst();
  const count = async (table: 'outbox' | 'stock_adjustment') => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(h.db)).rows[0]!.n);
  return { erpPosition, row, outbox: await count('outbox'), adjustments: await count('stock_adjustment') };
}
