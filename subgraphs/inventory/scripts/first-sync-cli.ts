// Measures the inventory subgraph's first start (migrations + the first sync of the whole ERP ledger) at the default retailer's size.
// Usage: npx tsx subgraphs/inventory/scripts/first-sync-cli.ts [sqlite|postgres]
import type { StockLedgerPort } from '@retail-hub/erp';
import { openTestErp } from '@retail-hub/erp';
import { testSubgraphDeps, type Dialect } from '@retail-hub/platform';
import { createTestStore } from '@retail-hub/platform/store/test-stores';
import { createInventorySubgraph } from '../src/server.js';

const dialect = (process.argv[2] ?? 'sqlite') as Dialect;
const cpuMs = () => {
  const u = process.cpuUsage();
  return Math.round((u.user + u.system) / 1000);
};

let wall = Date.now();
const erp = await openTestErp({ skus: 2000, stores: 300 });
console.log(`ERP seeded in ${Date.now() - wall} ms`);

// Time spent inside the ERP's feed is the ERP's; the rest of the start is the subgraph's own.
const ledger = erp.ports.stockLedger;
let feedMs = 0;
const timedLedger: StockLedgerPort = {
  getLocations: () => ledger.getLocations(),
  getPositions: (keys) => ledger.getPositions(keys),
  postAdjustments: (adjustments) => ledger.postAdjustments(adjustments),
  positionChanges: async (after, limit) => {
    const started = Date.now();
    const page = await ledger.positionChanges(after, limit);
    feedMs += Date.now() - started;
    return page;
  },
};

const store = await createTestStore(dialect, 'inventory-first-sync');
const subgraph = await createInventorySubgraph({ ...testSubgraphDeps(store.config, { onQuery: undefined }), erp: { stockLedger: timedLedger } });
wall = Date.now();
const cpu = cpuMs();
await subgraph.start();
console.log(`${dialect}: first start ${Date.now() - wall} ms wall, ${cpuMs() - cpu} ms CPU; of which reading the ERP feed ${feedMs} ms`);
await subgraph.stop();
await store.drop();
await erp.close();
