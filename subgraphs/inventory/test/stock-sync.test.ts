// The stock view follows the ERP's change feed, never lets an old page undo a newer adjustment, and keeps answering when the ERP is down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute, testSubgraphDeps } from '@retail-hub/platform';
import { TEST_DIALECTS } from '@retail-hub/platform/store/test-stores';
import type { ChangePage, StockLedgerPort, StockPosition } from '@retail-hub/erp';
import { createInventorySubgraph } from '../src/server.js';
import { outboxEvents, snapshot, startInventory, type InventoryHarness } from './inventory-harness.js';

const LEVEL = /* GraphQL */ `query($sku: ID!, $loc: ID!) { stockLevels(filter: { skus: [$sku], locationIds: [$loc] }) { nodes { onHand inbound asOf stale } } }`;
const ADJUST = /* GraphQL */ `mutation($input: AdjustStockInput!) { adjustStock(input: $input) { stockLevel { onHand } errors { code } } }`;

/** Lets a test hold a fetched feed page back before it is applied (the ERP port is the real one). */
class FeedGate {
  private release: (() => void) | null = null;
  private fetched: (() => void) | null = null;

  wrap(port: StockLedgerPort): StockLedgerPort {
    return new Proxy(port, {
      get: (target, prop, receiver) => {
        if (prop !== 'positionChanges') return Reflect.get(target, prop, receiver);
        return async (after: string | null, limit: number): Promise<ChangePage<StockPosition>> => {
          const page = await target.positionChanges(after, limit);
          if (this.release === null) return page;
          this.fetched?.();
          await new Promise<void>((resolve) => (this.release = resolve));
          return page;
        };
      },
    });
  }

  /** Holds the next page; resolves once it has been read from the ERP. */
  hold(): Promise<void> {
    this.release = () => undefined;
    return new Promise((resolve) => (this.fetched = resolve));
  }

  open(): void {
    const release = this.release;
    this.release = null;
    this.fetched = null;
    release?.();
  }
}

describe.each(TEST_DIALECTS)('stock sync on %s', (dialect) => {
  let h: InventoryHarness;
  const gate = new FeedGate();

  beforeAll(async () => {
    h = await startInventory(dialect, { stockLedger: (ports) => gate.wrap(ports.stockLedger) });
  });

  afterAll(async () => {
    gate.open();
    await h?.close();
  });

  const level = async (sku: string, loc: string) => (await execute(h.subgraph, LEVEL, { sku, loc })).data.stockLevels.nodes[0];

  it('shows a change made in the ERP after the next sync, with a stock.changed event naming what it was', async () => {
    const before = await level('SKU-000020', 'LOC-D01');
    await h.erp.erp.ports.stockLedger.postAdjustments([{ adjustmentId: `erp-side-${dialect}`, sku: 'SKU-000020', locationId: 'LOC-D01', delta: 40, reason: 'RECEIPT' }]);
    expect((await level('SKU-000020', 'LOC-D01')).onHand).toBe(before.onHand);

    expect(await h.subgraph.sync.syncNow()).toBe(1);
    expect((await level('SKU-000020', 'LOC-D01')).onHand).toBe(before.onHand + 40);
    const events = (await outboxEvents(h.db)).filter((e) => e.subject === 'SKU-000020@LOC-D01');
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ onHand: before.onHand + 40, previous: { onHand: before.onHand, inbound: before.inbound }, reason: 'ERP_SYNC' });
  });

  it('ignores a feed page read before a newer adjustment, and emits nothing twice', async () => {
    const erpLedger = h.erp.erp.ports.stockLedger;
    await erpLedger.postAdjustments([{ adjustmentId: `erp-before-${dialect}`, sku: 'SKU-000021', locationId: 'LOC-S0001', delta: 5, reason: 'COUNT' }]);
    const held = gate.hold();
    const syncing = h.subgraph.sync.syncNow();
    await held;
    // The page in flight carries the ERP's version before this adjustment.
    const adjusted = await execute(h.subgraph, ADJUST, { input: { sku: 'SKU-000021', locationId: 'LOC-S0001', delta: 2, reason: 'COUNT' } });
    const afterAdjustment = adjusted.data.adjustStock.stockLevel.onHand;
    gate.open();
    await syncing;
    expect((await level('SKU-000021', 'LOC-S0001')).onHand).toBe(afterAdjustment);
    await h.subgraph.sync.syncNow();
    expect((await level('SKU-000021', 'LOC-S0001')).onHand).toBe(afterAdjustment);
    const reasons = (await outboxEvents(h.db)).filter((e) => e.subject === 'SKU-000021@LOC-S0001').map((e) => e.data.reason);
    expect(reasons).toEqual(['ADJUSTMENT:COUNT']);
  });

  it('refuses adjustments with ERP_UNAVAILABLE while the ERP is down, and keeps answering reads, stale after the limit', async () => {
    await h.subgraph.sync.syncNow();
    const fresh = await level('SKU-000022', 'LOC-S0002');
    expect(fresh.stale).toBe(false);
    h.erp.faults.set({ outage: true });
    try {
      const before = await snapshot(h, 'SKU-000022', 'LOC-S0002');
      const refused = await execute(h.subgraph, ADJUST, { input: { sku: 'SKU-000022', locationId: 'LOC-S0002', delta: 1, reason: 'COUNT' } });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'ERP_UNAVAILABLE' });
      expect(await snapshot(h, 'SKU-000022', 'LOC-S0002')).toEqual(before);

      await expect(h.subgraph.sync.syncNow()).rejects.toThrow(/outage/);
      expect(await level('SKU-000022', 'LOC-S0002')).toEqual(fresh);
      h.deps.clock.advance(31_000);
      await expect(h.subgraph.sync.syncNow()).rejects.toThrow(/outage/);
      expect(await level('SKU-000022', 'LOC-S0002')).toEqual({ ...fresh, stale: true });
    } finally {
      h.erp.faults.clear();
    }
    await h.subgraph.sync.syncNow();
    const back = await level('SKU-000022', 'LOC-S0002');
    expect(back.stale).toBe(false);
    expect(Date.parse(back.asOf)).toBeGreaterThan(Date.parse(fresh.asOf));
  });

  it('starts again on its own view while the ERP is down, reporting it stale once the limit has passed', async () => {
    const expected = await level('SKU-000023', 'LOC-S0003');
    h.erp.faults.set({ outage: true });
    const deps = testSubgraphDeps(h.store.config);
    // Past the last successful sync (made at the other clock, already moved on by 31 s) by more than the limit.
    deps.clock.advance(120_000);
    const restarted = await createInventorySubgraph({ ...deps, erp: { stockLedger: h.erp.ports.stockLedger } });
    try {
      await restarted.start();
      const result = await execute(restarted, LEVEL, { sku: 'SKU-000023', loc: 'LOC-S0003' });
      expect(result.data.stockLevels.nodes[0]).toEqual({ ...expected, stale: true });
    } finally {
      h.erp.faults.clear();
      await restarted.stop();
    }
  });
});
