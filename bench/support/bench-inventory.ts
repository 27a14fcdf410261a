// The benchmark's inventory subgraph: the real one, in this process, whose ERP position feed also carries the benchmark's changes.
import { join } from 'node:path';
import { openEmbeddedErp, type ChangePage, type StockLedgerPort, type StockPosition } from '@retail-hub/erp';
import { createInventorySubgraph, type InventorySubgraph } from '@retail-hub/inventory-subgraph';
import { ControllableClock, createGraphClient, createServiceMetrics, InProcessBus, loadHubConfig, serveSubgraph, silentLogger, storeFor, type RunningHttpServer, type ServiceMetrics } from '@retail-hub/platform';

/**
 * The embedded ERP's ledger, plus changes the benchmark queues: read by inventory's ERP sync as if the ERP had
 * booked them. Booking each change in the ERP first would make the benchmark measure the ERP (several statements a
 * change) instead of the subscriptions: this is the bench-only write path the issue allows. From inventory's sync
 * on, every change takes the hub's real path: projection and outbox in one transaction, relay, bus, subgraph,
 * gateway.
 */
export class BenchStockLedger implements StockLedgerPort {
  private queued: StockPosition[] = [];

  constructor(private readonly erp: StockLedgerPort) {}

  getLocations = () => this.erp.getLocations();
  getPositions: StockLedgerPort['getPositions'] = (keys) => this.erp.getPositions(keys);
  postAdjustments: StockLedgerPort['postAdjustments'] = (adjustments) => this.erp.postAdjustments(adjustments);

  async positionChanges(after: string | null, limit: number): Promise<ChangePage<StockPosition>> {
    // The ERP's own feed first (the cursor stays the ERP's), then what the benchmark queued.
    const real = await this.erp.positionChanges(after, limit);
    if (real.records.length || this.queued.length === 0) return real;
    const records = this.queued.splice(0, limit);
    return { records, cursor: real.cursor, hasMore: this.queued.length > 0 };
  }

  enqueue(positions: StockPosition[]): void {
    this.queued.push(...positions);
  }
}

export interface BenchInventory {
  inventory: InventorySubgraph;
  ledger: BenchStockLedger;
  metrics: ServiceMetrics;
  stop(): Promise<void>;
}

/** Inventory as the launcher would run it with `--services inventory` (same store, port and secret), on the bench ledger. */
export async function startBenchInventory(options: { dataDir: string; basePort: number; graphUrl: string }): Promise<BenchInventory> {
  const { config } = loadHubConfig(['--services', 'inventory', '--data-dir', options.dataDir, '--subgraph-ports', String(options.basePort)], process.env);
  const erp = await openEmbeddedErp(join(options.dataDir, 'erp.db'));
  const ledger = new BenchStockLedger(erp.ports.stockLedger);
  const logger = silentLogger();
  const metrics = createServiceMetrics('inventory');
  const inventory = await createInventorySubgraph({
    store: storeFor(config, 'inventory'),
    bus: new InProcessBus(logger),
    clock: new ControllableClock(),
    logger,
    metrics,
    claimsSecret: config.claimsSecret,
    graph: createGraphClient({ service: 'inventory', secret: config.claimsSecret, url: options.graphUrl }),
    // The writer runs the sync itself: a background pass would commit changes before the writer looks at the clock.
    erpSyncIntervalMs: 600_000,
    erp: { stockLedger: ledger },
  });
  await inventory.start();
  const http: RunningHttpServer = await serveSubgraph(inventory, { port: config.ports.inventory, host: config.host, claimsSecret: config.claimsSecret, logger, metrics });
  return {
    inventory,
    ledger,
    metrics,
    async stop() {
      await http.close();
      await inventory.stop();
      await erp.close();
    },
  };
}
