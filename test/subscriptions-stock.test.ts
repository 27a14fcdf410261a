// Live stock through the real gateway: stockChanged over graphql-ws with fields from every subgraph, filters, partners, sharing, a slow client, auth.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestSubscriptionClient } from '@retail-hub/platform/testing/subscription-test-client';
import { startSplitHub, type SplitHub } from './support/split-hub.js';
import { adjustStock, connectAs, createKey, gatewayMetric, pause, revokeKey } from './support/subscription-fixtures.js';
import { within } from '@retail-hub/platform/testing/within';

const DASHBOARD = /* GraphQL */ `
  subscription Dashboard($filter: StockChangedFilter, $loc: ID!) {
    stockChanged(filter: $filter) {
      id sku location { id name } available reserved onHand asOf
      product { name category { name } price(channel: STORE, locationId: $loc) { amount { centAmount } } }
    }
  }`;

describe('stockChanged through the gateway', () => {
  let hub: SplitHub;
  const clients: TestSubscriptionClient[] = [];
  const connect = (key: string | null = hub.gateway.adminKey) => {
    const client = connectAs(hub.wsUrl, key);
    clients.push(client);
    return client;
  };
  const adjust = (sku: string, loc: string, delta = 1) => adjustStock(hub.gateway, sku, loc, delta);
  /** Live means the gateway holds the client subscriptions and the subgraph the upstream ones. */
  const live = (clientSubscriptions: number, upstreams: number) =>
    vi.waitFor(async () => {
      expect(await gatewayMetric(hub.gateway, 'hub_gateway_subscriptions_active'), 'client subscriptions').toBe(clientSubscriptions);
      expect(await hub.inventoryMetric('hub_subscriptions_active'), 'upstream subscriptions').toBe(upstreams);
    }, within(15_000));

  beforeAll(async () => {
    // A client counts as behind once 6 results wait for it, so the slow-client test needs few changes, while the
    // fast client (three writers in parallel) would have to fall six behind before any of its changes coalesced.
    // The slow client stops reading altogether, pings included, for as long as its 90 changes take to write (tens of
    // seconds on a loaded machine); keep-alive would drop it after one to two ping intervals, so pings are rare here.
    hub = await startSplitHub({ env: { HUB_SUBSCRIPTION_COALESCE_AFTER: '6', HUB_ERP_SYNC_INTERVAL_MS: '60000', HUB_SUBSCRIPTION_KEEPALIVE_MS: '600000' } });
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await live(0, 0);
  });

  afterAll(async () => hub?.dispose());

  it('delivers a stock change made by a mutation with the product and price fields resolved from their subgraphs', async () => {
    const sub = connect().subscribe(DASHBOARD, { filter: { skus: ['SKU-000005'], locationIds: ['LOC-S0001'] }, loc: 'LOC-S0001' });
    await live(1, 1);
    const onHand = await adjust('SKU-000005', 'LOC-S0001', 3);
    const [event] = await sub.waitFor((r) => r.length >= 1);
    const expected = await hub.gateway.graphql(/* GraphQL */ `{ product(sku: "SKU-000005") { name category { name } price(channel: STORE, locationId: "LOC-S0001") { amount { centAmount } } } location(id: "LOC-S0001") { name } }`);
    expect(event!.errors).toBeUndefined();
    expect(event!.data.stockChanged).toEqual({
      id: expect.any(String),
      sku: 'SKU-000005',
      location: { id: 'LOC-S0001', name: expected.data.location.name },
      available: onHand,
      reserved: 0,
      onHand,
      asOf: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      product: expected.data.product,
    });
    expect(event!.data.stockChanged.product.price.amount.centAmount).toBeGreaterThan(0);
    // Exactly the shape asked for: the subgraph's event metadata stays between gateway and subgraph.
    expect(event!.extensions).toBeUndefined();
  });

  it('gives each dashboard watching the same change the price at its own store, and a bad store only to the one that asked', async () => {
    // A SKU whose shelf price differs between two stores (stores of different regions have their own prices).
    const stores = Array.from({ length: 20 }, (_, i) => `LOC-S${String(i + 1).padStart(4, '0')}`);
    let found: { sku: string; prices: Map<string, number> } | null = null;
    for (let n = 10; n < 60 && !found; n++) {
      const sku = `SKU-${String(n).padStart(6, '0')}`;
      const aliases = stores.map((loc, i) => `s${i}: price(channel: STORE, locationId: "${loc}") { amount { centAmount } }`).join(' ');
      const product = (await hub.gateway.graphql(`{ product(sku: "${sku}") { ${aliases} } }`)).data.product;
      const prices = new Map(stores.map((loc, i) => [loc, product[`s${i}`]?.amount.centAmount as number]));
      if (new Set(prices.values()).size > 1) found = { sku, prices };
    }
    expect(found).not.toBeNull();
    const { sku, prices } = found!;
    const watched = stores[0]!;
    const other = stores.find((loc) => prices.get(loc) !== prices.get(watched))!;
    const client = connect();
    // One stock change, three shared executions of it (the same filter, three `$loc`): each must resolve its own.
    const here = client.subscribe(DASHBOARD, { filter: { skus: [sku], locationIds: [watched] }, loc: watched });
    const there = client.subscribe(DASHBOARD, { filter: { skus: [sku], locationIds: [watched] }, loc: other });
    const nowhere = client.subscribe(DASHBOARD, { filter: { skus: [sku], locationIds: [watched] }, loc: 'LOC-NOPE' });
    await live(3, 1);
    await adjust(sku, watched, 2);
    const [[a], [b], [c]] = await Promise.all([here.waitFor((r) => r.length >= 1), there.waitFor((r) => r.length >= 1), nowhere.waitFor((r) => r.length >= 1)]);
    expect(a!.errors).toBeUndefined();
    expect(a!.data.stockChanged.product.price.amount.centAmount).toBe(prices.get(watched));
    expect(b!.errors).toBeUndefined();
    expect(b!.data.stockChanged.product.price.amount.centAmount).toBe(prices.get(other));
    expect(c!.data.stockChanged.product.price).toBeNull();
    expect(c!.errors).toMatchObject([{ path: ['stockChanged', 'product', 'price'], extensions: { code: 'BAD_USER_INPUT', field: 'locationId' } }]);
  });

  it('holds to each subscriber\'s filter', async () => {
    const client = connect();
    const bySku = client.subscribe(DASHBOARD, { filter: { skus: ['SKU-000006'] }, loc: 'LOC-S0001' });
    const byLocation = client.subscribe(DASHBOARD, { filter: { locationIds: ['LOC-S0003'] }, loc: 'LOC-S0003' });
    const low = client.subscribe(DASHBOARD, { filter: { skus: ['SKU-000007'], belowAvailable: 3 }, loc: 'LOC-S0001' });
    await live(3, 3);
    await adjust('SKU-000006', 'LOC-S0002');
    await adjust('SKU-000008', 'LOC-S0003');
    const before = await adjust('SKU-000007', 'LOC-S0004', 5);
    await adjust('SKU-000007', 'LOC-S0004', 1 - before); // down to 1 available: below 3
    await adjust('SKU-000006', 'LOC-S0003');

    await bySku.waitFor((r) => r.length >= 2);
    await byLocation.waitFor((r) => r.length >= 2);
    await low.waitFor((r) => r.length >= 1);
    await pause(300);
    expect(bySku.results.map((r) => `${r.data.stockChanged.sku}@${r.data.stockChanged.location.id}`)).toEqual(['SKU-000006@LOC-S0002', 'SKU-000006@LOC-S0003']);
    expect(byLocation.results.map((r) => `${r.data.stockChanged.sku}@${r.data.stockChanged.location.id}`)).toEqual(['SKU-000008@LOC-S0003', 'SKU-000006@LOC-S0003']);
    expect(low.results.map((r) => r.data.stockChanged.available)).toEqual([1]);
  });

  it('shows a supplier partner only changes to the products it supplies', async () => {
    const own = await hub.gateway.graphql(/* GraphQL */ `{ product(sku: "SKU-000010") { primarySupplier { supplier { id } } } }`);
    const supplierId: string = own.data.product.primarySupplier.supplier.id;
    const others = await hub.gateway.graphql(/* GraphQL */ `{ products(first: 50) { nodes { sku suppliers { supplier { id } } } } }`);
    const otherSku: string = others.data.products.nodes.find((p: any) => !p.suppliers.some((s: any) => s.supplier.id === supplierId)).sku;
    const partner = await createKey(hub.gateway, { name: 'partner dashboard', scopes: ['inventory:*', 'catalog:*', 'pricing:*', 'supplier:*'], partner: `supplier:${supplierId}` });

    const filter = { skus: ['SKU-000010', otherSku], locationIds: ['LOC-S0005'] };
    const partnerSub = connect(partner.key).subscribe(DASHBOARD, { filter, loc: 'LOC-S0005' });
    const adminSub = connect().subscribe(DASHBOARD, { filter, loc: 'LOC-S0005' });
    // Same operation and variables, different access: two upstream subscriptions, each scoped in the subgraph.
    await live(2, 2);
    await adjust(otherSku, 'LOC-S0005');
    const ownOnHand = await adjust('SKU-000010', 'LOC-S0005');
    await adminSub.waitFor((r) => r.length >= 2);
    const [seen] = await partnerSub.waitFor((r) => r.length >= 1);
    await pause(300);
    expect(partnerSub.results).toHaveLength(1);
    expect(seen!.data.stockChanged).toMatchObject({ sku: 'SKU-000010', onHand: ownOnHand, product: { name: expect.any(String) } });
    expect(adminSub.results.map((r) => r.data.stockChanged.sku)).toEqual([otherSku, 'SKU-000010']);
  });

  it('shares one upstream subscription among many subscribers asking for the same stock', async () => {
    const filter = { skus: ['SKU-000011'], locationIds: ['LOC-S0006'] };
    const subs = [];
    for (let i = 0; i < 8; i++) {
      const client = connect();
      for (let j = 0; j < 5; j++) {
        // Other operation names, and other fields from other subgraphs: the inventory part is the same.
        const query = j % 2 ? DASHBOARD.replace('Dashboard', `Wall${j}`) : /* GraphQL */ `subscription($filter: StockChangedFilter) { stockChanged(filter: $filter) { id sku location { id name } available reserved onHand asOf product { name } } }`;
        subs.push(client.subscribe(query, { filter, loc: 'LOC-S0006' }));
      }
    }
    await live(40, 1);
    expect(await gatewayMetric(hub.gateway, 'hub_gateway_subscription_upstreams')).toBe(1);
    const onHand = await adjust('SKU-000011', 'LOC-S0006', 2);
    for (const sub of subs) {
      const [event] = await sub.waitFor((r) => r.length >= 1);
      expect(event!.data.stockChanged).toMatchObject({ sku: 'SKU-000011', onHand, product: { name: expect.any(String) } });
    }
  });

  it('does not let a slow client hold up the others; the slow one gets the latest value of each product and location', { timeout: 180_000 }, async () => {
    const skus = ['SKU-000012', 'SKU-000013', 'SKU-000014'];
    const filter = { skus, locationIds: ['LOC-S0007'] };
    // Large messages (30 aliased stock lists of every location), so the paused client's socket buffers fill up
    // after a few dozen and the rest has to wait at the gateway.
    const heavy = /* GraphQL */ `subscription($filter: StockChangedFilter) { stockChanged(filter: $filter) { id sku onHand product {
      ${Array.from({ length: 30 }, (_, i) => `a${i}: stockLevels(first: 100) { nodes { onHand reserved available inbound asOf stale location { id code name type region timeZone active } } }`).join('\n')}
    } } }`;
    const fast = connect().subscribe(/* GraphQL */ `subscription($filter: StockChangedFilter) { stockChanged(filter: $filter) { id sku onHand } }`, { filter });
    const slowClient = connect();
    const slow = slowClient.subscribe(heavy, { filter });
    await live(2, 2);
    const socket = slowClient.socket() as unknown as { _socket: { pause(): void; resume(): void } };
    socket._socket.pause();

    const coalescedBefore = await gatewayMetric(hub.gateway, 'hub_gateway_subscription_events_total', 'outcome="coalesced"');
    const latest = new Map<string, number>();
    // One writer per product, so each position's changes stay in order.
    await Promise.all(skus.map(async (sku) => {
      for (let i = 0; i < 30; i++) latest.set(sku, await adjust(sku, 'LOC-S0007'));
    }));
    // Every change reaches the fast client while the slow one reads nothing.
    await fast.waitFor((r) => r.length >= 90, 60_000);
    expect(new Set(fast.results.map((r) => r.data.stockChanged.id)).size).toBe(90);
    expect(slow.results.length).toBeLessThan(90);
    // The slow client's backlog waited at the gateway, coalesced per product and location.
    expect(await gatewayMetric(hub.gateway, 'hub_gateway_subscription_events_total', 'outcome="coalesced"')).toBeGreaterThan(coalescedBefore);

    socket._socket.resume();
    // Still connected: paused, not dropped (a drop would end the subscription with an error and never deliver).
    expect(slow.errors).toBeNull();
    await slow.waitFor((r) => skus.every((sku) => r.some((e) => e.data.stockChanged.sku === sku && e.data.stockChanged.onHand === latest.get(sku))), 60_000);
    const received = slow.results.map((r) => r.data.stockChanged);
    expect(received.length).toBeLessThan(90);
    expect(new Set(received.map((c) => c.id)).size).toBe(received.length);
    for (const sku of skus) {
      const values = received.filter((c) => c.sku === sku).map((c) => c.onHand);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(values.at(-1)).toBe(latest.get(sku));
    }
  });

  it('refuses a bad key with 4403, and closes a connection whose key is revoked', async () => {
    const bogus = connect('rh_live_nosuchkey_0000000000000000000000000000000000000000');
    expect((await bogus.closed).code).toBe(4403);

    const key = await createKey(hub.gateway, { name: 'wall display', scopes: ['inventory:*', 'catalog:*', 'pricing:*'] });
    const client = connect(key.key);
    const sub = client.subscribe(DASHBOARD, { filter: { skus: ['SKU-000015'] }, loc: 'LOC-S0001' });
    await live(1, 1);
    await adjust('SKU-000015', 'LOC-S0001');
    await sub.waitFor((r) => r.length >= 1);
    await revokeKey(hub.gateway, key.id);
    const closed = await client.closed;
    expect(closed).toMatchObject({ code: 4403, reason: expect.stringMatching(/revoked/) });
  });

  it('refuses bad input naming the field, operations that are not subscriptions, and too many subscriptions', async () => {
    const client = connect();
    const bad = client.subscribe(DASHBOARD, { filter: { skus: [] }, loc: 'LOC-S0001' });
    await bad.ended();
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'filter.skus' } });

    const typo = client.subscribe(/* GraphQL */ `subscription { stockChanged { skuu } }`);
    await typo.ended();
    expect(typo.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });

    const query = client.subscribe(/* GraphQL */ `{ location(id: "LOC-S0001") { name } }`);
    await query.ended();
    expect(query.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });

    const many = Array.from({ length: 101 }, () => client.subscribe(/* GraphQL */ `subscription { stockChanged(filter: { skus: ["SKU-000016"] }) { id } }`));
    const refused = many.at(-1)!;
    await refused.ended();
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED', limit: 'maxSubscriptionsPerConnection' } });
    expect(many.slice(0, 100).every((s) => s.errors === null)).toBe(true);
  });
});
