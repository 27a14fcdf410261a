// The benchmark's writer: stock changes at a steady rate, committed by inventory's own ERP sync (see BenchStockLedger).
import type { InventorySubgraph } from '@retail-hub/inventory-subgraph';
import type { BenchStockLedger } from './bench-inventory.js';

export interface LoadOptions {
  inventory: InventorySubgraph;
  ledger: BenchStockLedger;
  skus: string[];
  locations: string[];
  ratePerSecond: number;
  durationMs: number;
  /** How often a batch of changes is handed to inventory's sync. @default 20 */
  tickMs?: number;
}

export interface LoadResult {
  /** `<sku>@<location>#<onHand>` → when inventory's sync transaction holding the change had committed (ms, performance wall time). */
  commits: Map<string, number>;
  /** Per (sku, location): its committed on-hand values in order. */
  byPosition: Map<string, number[]>;
  /** How long inventory took to commit each batch. */
  batchMs: number[];
  elapsedMs: number;
}

const now = () => performance.timeOrigin + performance.now();
/** Above any version the embedded ERP has handed out, so the projection takes every change as newer. */
let version = 1e12;
/** Each position's on-hand climbs by one per change: every event of a position has an on-hand of its own. */
const onHandOf = new Map<string, number>();

/**
 * Each tick hands the changes due to inventory's ERP sync in one page: one transaction writes them to its view and
 * its outbox, an inventory.stock.changed.v1 event per position (reason ERP_SYNC). A position changes at most once per
 * tick, which is how a subscriber's arrival is matched to its commit.
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
    const due = Math.min(Math.floor((elapsed / 1000) * options.ratePerSecond) - issued, 5_000);
    const batch = new Map<string, { sku: string; locationId: string }>();
    while (batch.size < due) {
      const sku = options.skus[Math.floor(Math.random() * options.skus.length)]!;
      const locationId = options.locations[Math.floor(Math.random() * options.locations.length)]!;
      batch.set(`${sku}@${locationId}`, { sku, locationId });
    }
    if (batch.size > 0) {
      issued += batch.size;
      const at = new Date().toISOString();
      const positions = [...batch].map(([position, p]) => {
        const onHand = (onHandOf.get(position) ?? 1_000) + 1;
        onHandOf.set(position, onHand);
        return { ...p, onHand, inbound: 0, version: ++version, updatedAt: at };
      });
      const t0 = now();
      options.ledger.enqueue(positions);
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
