// The whole graph as a user meets it: `hub/src/main.ts` started as a real process, queried through the gateway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from './support/hub-process.js';

const FIVE_DOMAINS = /* GraphQL */ `
  query($sku: ID!, $loc: ID!) {
    product(sku: $sku) {
      sku name category { id name } promotable
      price(channel: STORE, locationId: $loc) { amount { centAmount currency } regular { centAmount } }
      stock(locationId: $loc) { onHand reserved available inbound asOf stale }
      primarySupplier { supplier { id name } unitCost { centAmount currency } leadTimeDays }
    }
  }`;

describe('the running hub', () => {
  let hub: HubProcess;

  beforeAll(async () => {
    hub = await startHubProcess({ env: { HUB_ERP_SYNC_INTERVAL_MS: '200', HUB_ERP_STALE_AFTER_MS: '1000' } });
  });
  afterAll(async () => hub?.dispose());

  it('answers one query across all five domains with seeded data', async () => {
    const result = await hub.graphql(FIVE_DOMAINS, { sku: 'SKU-000001', loc: 'LOC-S0001' });
    expect(result.errors).toBeUndefined();
    const p = result.data.product;
    expect(p).toMatchObject({ sku: 'SKU-000001', category: { id: expect.stringMatching(/^CAT-/) } });
    expect(p.price.amount.currency).toBe('USD');
    expect(p.price.amount.centAmount).toBeGreaterThan(0);
    expect(p.stock.available).toBe(p.stock.onHand - p.stock.reserved);
    expect(p.stock.stale).toBe(false);
    expect(p.primarySupplier.supplier.id).toMatch(/^SUP-/);
    expect(p.primarySupplier.unitCost.centAmount).toBeLessThan(p.price.regular.centAmount);
  });

  it('pages products with price, stock and supplier from every subgraph', async () => {
    const page1 = await hub.graphql(/* GraphQL */ `{ products(first: 50) { totalCount pageInfo { hasNextPage endCursor } nodes { sku price(channel: ECOMMERCE) { amount { centAmount } } stock(locationId: "LOC-E01") { available } primarySupplier { supplier { name } } } } }`);
    expect(page1.errors).toBeUndefined();
    expect(page1.data.products.totalCount).toBe(200);
    expect(page1.data.products.nodes).toHaveLength(50);
    expect(page1.data.products.nodes.every((n: any) => n.price && n.stock && n.primarySupplier)).toBe(true);
    const page2 = await hub.graphql(/* GraphQL */ `query($after: String) { products(first: 50, after: $after) { nodes { sku } } }`, { after: page1.data.products.pageInfo.endCursor });
    expect(page2.data.products.nodes[0].sku > page1.data.products.nodes[49].sku).toBe(true);
  });

  it('rejects bad input with an error naming the field, and writes nothing', async () => {
    const before = await hub.graphql(FIVE_DOMAINS, { sku: 'SKU-000002', loc: 'LOC-S0001' });
    const adjust = /* GraphQL */ `mutation($input: AdjustStockInput!) { adjustStock(input: $input) { stockLevel { onHand } errors { code field message } } }`;
    const cases: [Record<string, unknown>, string][] = [
      [{ sku: 'SKU-999999', locationId: 'LOC-S0001', delta: 5, reason: 'COUNT' }, 'input.sku'],
      [{ sku: 'SKU-000002', locationId: 'LOC-NOWHERE', delta: 5, reason: 'COUNT' }, 'input.locationId'],
      [{ sku: 'SKU-000002', locationId: 'LOC-S0001', delta: 0, reason: 'COUNT' }, 'input.delta'],
    ];
    for (const [input, field] of cases) {
      const result = await hub.graphql(adjust, { input });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const badCursor = await hub.graphql(/* GraphQL */ `{ products(after: "nope") { totalCount } }`);
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const after = await hub.graphql(FIVE_DOMAINS, { sku: 'SKU-000002', loc: 'LOC-S0001' });
    expect(after.data.product.stock.onHand).toBe(before.data.product.stock.onHand);
  });

  it('keeps answering stock from its own view while the ERP is down, marked stale', async () => {
    await fetch(`${hub.baseUrl}/admin/erp-faults`, { method: 'POST', body: 'outage' });
    try {
      await new Promise((r) => setTimeout(r, 1600));
      const result = await hub.graphql(FIVE_DOMAINS, { sku: 'SKU-000003', loc: 'LOC-S0002' });
      expect(result.errors).toBeUndefined();
      expect(result.data.product.stock).toMatchObject({ stale: true });
      expect(result.data.product.price.amount.centAmount).toBeGreaterThan(0);
      const adjust = await hub.graphql(/* GraphQL */ `mutation { adjustStock(input: { sku: "SKU-000003", locationId: "LOC-S0002", delta: 1, reason: COUNT }) { stockLevel { onHand } } }`);
      expect(adjust.errors?.[0]?.extensions?.code).toBe('ERP_UNAVAILABLE');
    } finally {
      await fetch(`${hub.baseUrl}/admin/erp-faults`, { method: 'POST', body: 'none' });
    }
  });

  it('serves health, readiness, metrics and a local explorer', async () => {
    expect((await fetch(`${hub.baseUrl}/health`)).status).toBe(200);
    expect((await fetch(`${hub.baseUrl}/ready`)).status).toBe(200);
    const metrics = await (await fetch(`${hub.baseUrl}/metrics`)).text();
    expect(metrics).toContain('hub_http_requests_total');
    const explorer = await (await fetch(`${hub.baseUrl}/explorer`)).text();
    expect(explorer).toContain('<html');
    expect(explorer).not.toMatch(/src="https?:/);
  });

  it('keeps a stock adjustment across a restart', async () => {
    const adjust = await hub.graphql(/* GraphQL */ `mutation { adjustStock(input: { sku: "SKU-000004", locationId: "LOC-S0003", delta: 7, reason: COUNT, note: "cycle count" }) { stockLevel { onHand } errors { code } } }`);
    expect(adjust.errors).toBeUndefined();
    const onHand = adjust.data.adjustStock.stockLevel.onHand;
    expect(await hub.kill('SIGINT')).toBe(0);
    hub = await startHubProcess({ dataDir: hub.dataDir, env: { HUB_ERP_SYNC_INTERVAL_MS: '200' } });
    const after = await hub.graphql(FIVE_DOMAINS, { sku: 'SKU-000004', loc: 'LOC-S0003' });
    expect(after.data.product.stock.onHand).toBe(onHand);
  });
});
