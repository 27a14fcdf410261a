// A subscriber through the gateway while the inventory subgraph is killed and restarted mid-stream: no error, no repeat, nothing missed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestSubscriptionClient } from '@retail-hub/platform/testing/subscription-test-client';
import { startSplitHub, type SplitHub } from './support/split-hub.js';
import { adjustStock, connectAs, gatewayMetric, pause } from './support/subscription-fixtures.js';
import { within } from '@retail-hub/platform/testing/within';

const WATCH = /* GraphQL */ `
  subscription Watch($filter: StockChangedFilter, $loc: ID!) {
    stockChanged(filter: $filter) { id sku location { id } onHand product { name price(channel: STORE, locationId: $loc) { amount { centAmount } } } }
  }`;

describe('stockChanged across an inventory restart', () => {
  let hub: SplitHub;
  let client: TestSubscriptionClient;

  beforeAll(async () => {
    hub = await startSplitHub({ env: { HUB_ERP_SYNC_INTERVAL_MS: '500' } });
  });

  afterAll(async () => {
    await client?.dispose();
    await hub?.dispose();
  });

  it('resubscribes when inventory is killed and restarted: the subscriber sees no error, no duplicate, and every committed change', async () => {
    const skus = ['SKU-000020', 'SKU-000021', 'SKU-000022', 'SKU-000023'];
    client = connectAs(hub.wsUrl, hub.gateway.adminKey);
    const sub = client.subscribe(WATCH, { filter: { skus, locationIds: ['LOC-S0008'] }, loc: 'LOC-S0008' });
    await vi.waitFor(async () => expect(await hub.inventoryMetric('hub_subscriptions_active'), 'upstream subscriptions').toBe(1), within(15_000));
    const resubscribesBefore = await gatewayMetric(hub.gateway, 'hub_gateway_subscription_resubscribes_total');

    // A writer that keeps counting stock, before, during (refused: inventory is down) and after the restart.
    const committed: string[] = [];
    let refused = 0;
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const sku = skus[i % skus.length]!;
        try {
          committed.push(`${sku}#${await adjustStock(hub.gateway, sku, 'LOC-S0008', 1)}`);
        } catch {
          refused++;
          await pause(100);
        }
      }
    })();
    try {
      await vi.waitFor(() => expect(committed.length, 'changes before the crash').toBeGreaterThanOrEqual(12), within(15_000));
      await hub.stopInventory('SIGKILL');
      const beforeRestart = committed.length;
      await vi.waitFor(() => expect(refused, 'changes refused while inventory is down').toBeGreaterThan(0), within(15_000));
      await hub.startInventory();
      await vi.waitFor(() => expect(committed.length, 'changes after the restart').toBeGreaterThanOrEqual(beforeRestart + 12), within(60_000));
    } finally {
      writing = false;
      await writer;
    }

    const received = () => new Set(sub.results.map((r) => `${r.data?.stockChanged?.sku}#${r.data?.stockChanged?.onHand}`));
    await sub.waitFor(() => committed.every((key) => received().has(key)), 30_000);
    await pause(500);
    expect(sub.errors).toBeNull();
    expect(sub.completed).toBe(false);
    expect(sub.results.every((r) => r.errors === undefined && r.data.stockChanged.product.price.amount.centAmount > 0)).toBe(true);
    // No repeats, and each position's numbers only go up (each change is +1): nothing out of order either.
    const ids = sub.results.map((r) => r.data.stockChanged.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const sku of skus) {
      const values = sub.results.filter((r) => r.data.stockChanged.sku === sku).map((r) => r.data.stockChanged.onHand);
      expect(values).toEqual([...new Set(values)].sort((a, b) => a - b));
    }
    expect(await gatewayMetric(hub.gateway, 'hub_gateway_subscription_resubscribes_total')).toBeGreaterThan(resubscribesBefore);
  });
});
