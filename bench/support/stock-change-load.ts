// The benchmark's writer: stock changes at a steady rate, booked in the embedded ERP and committed by inventory's own ERP sync.
import type { StockLedgerPort } from '@retail-hub/erp';
import type { InventorySubgraph } from '@retail-hub/inventory-subgraph';

export interface LoadOptions {
  inventory: InventorySubgraph;
  /** The embedded ERP's stock ledger (the system of record the hub follows). */
  ledger: StockLedgerPort;
  skus: string[];
  locations: string[];
  ratePerSecond: number;
  durationMs: number;
  /** How often a batch of changes is booked and synced. @default 20 */
  tickMs?: number;
}

export interface LoadResult {
  /** `<sku>@<location>#<onHand>` → when inventory's sync transaction holding the change had committed (ms, performance wall time). */
  commits: Map<string, number>;
  /** Per (sku, location): its committed on-hand values in order. */
  byPosition: Map<string, number[]>;
  /** How long each batch took from the ERP booking to inventory's commit. */
  batchMs: number[];
  elapsedMs: number;
}

const now = () => performance.timeOrigin + performance.now();
let adjustmentSeq = 0;

/**
 * Each tick books the changes due in one ERP transaction, then runs inventory's ERP sync, which writes them to its
 * view and its outbox in one transaction, an inventory.stock.changed.v1 event per position (reason ERP_SYNC). So the
 * changes travel the hub's real path from the commit on (outbox, relay, bus, subgraph, gateway); what is skipped is
 * a GraphQL round trip per change. A position changes at most once per tick, so every event has an on-hand of its
 * own, which is how a subscriber's arrival is matched to its commit.
 */
export async function runStockChangeLoad(options: LoadOptions): Promise<LoadResult> {
  const tickMs = options.tickMs ?? 20;
  const result: LoadResult = { commits: new Map(), byPosition: new Map(), batchMs: [], elapsedMs: 0 };
  const started = performance.now();
  let issued = 0;
  for (;;) {
    const tickStarted = performance.now();
    const elapsed = tickStarted - started;
    if (elapsed >= options.durationMs) break;
    const due = Math.floor((elapsed / 1000) * options.ratePerSecond) - issued;
    const batch = new Map<string, { sku: string; locationId: string }>();
    while (batch.size < due) {
      const sku = options.skus[Math.floor(Math.random() * options.skus.length)]!;
      const locationId = options.locations[Math.floor(Math.random() * options.locations.length)]!;
      batch.set(`${sku}@${locationId}`, { sku, locationId });
    }
    if (batch.size > 0) {
      issued += batch.size;
      const t0 = now();
      const positions = await options.ledger.postAdjustments([...batch.values()].map((p) => ({ ...p, adjustmentId: `BENCH-${process.pid}-${++adjustmentSeq}`, delta: 1, reason: 'COUNT' as const })));
      await options.inventory.sync.syncNow();
      const committed = now();
      result.batchMs.push(committed - t0);
      for (const p of positions) {
        const position = `${p.sku}@${p.locationId}`;
        result.commits.set(`${position}#${p.onHand}`, committed);
        const values = result.byPosition.get(position) ?? [];
        values.push(p.onHand);
        result.byPosition.set(position, values);
      }
    }
    const wait = tickMs - (performance.now() - tickStarted);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  result.elapsedMs = performance.now() - started;
  return result;
}
