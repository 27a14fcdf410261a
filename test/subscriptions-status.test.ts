// orderStatusChanged and promotionStatusChanged through the real gateway: the same mechanism as stock, owned by orders and pricing.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestSubscriptionClient } from '@retail-hub/platform/testing/subscription-test-client';
import { startHubProcess, type HubProcess } from './support/hub-process.js';
import { PLACE_ORDER, storeOrder } from './support/orders-hub.js';
import { createPromotion, nextSaturday, plusDays } from './support/promotions-kit.js';
import { freePortRun } from '@retail-hub/platform/testing/free-ports';
import { scrapeMetric } from '@retail-hub/platform/testing/scrape-metric';
import { connectAs } from './support/subscription-fixtures.js';
import { within } from '@retail-hub/platform/testing/within';

describe('status subscriptions through the gateway', () => {
  let hub: HubProcess;
  const clients: TestSubscriptionClient[] = [];
  const connect = (key: string | null = hub.adminKey) => {
    const client = connectAs(`${hub.baseUrl.replace('http', 'ws')}/graphql`, key);
    clients.push(client);
    return client;
  };
  let subgraphPorts: number;
  /** Open on the subgraph itself (`hub_subscriptions_active` on its /metrics): from then on no change can be missed. */
  const liveOn = (subgraph: 'pricing' | 'orders', n: number) =>
    vi.waitFor(async () => {
      const port = subgraphPorts + (subgraph === 'pricing' ? 1 : 3);
      expect(await scrapeMetric(`http://127.0.0.1:${port}`, 'hub_subscriptions_active'), `subscriptions open on ${subgraph}`).toBe(n);
    }, within(15_000));

  beforeAll(async () => {
    // Known subgraph ports, to see when a subscription is open on the subgraph that owns it.
    subgraphPorts = await freePortRun(5);
    hub = await startHubProcess({ args: ['--subgraph-ports', String(subgraphPorts)] });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await hub?.dispose();
  });

  it('follows an order through its status changes, with each line\'s product from the product subgraph', async () => {
    const placed = await hub.graphql(PLACE_ORDER, { key: `status-${Date.now()}`, input: storeOrder('LOC-S0002', [{ sku: 'SKU-000030', quantity: 1 }]) });
    expect(placed.errors).toBeUndefined();
    const orderId: string = placed.data.placeOrder.order.id;
    const sub = connect().subscribe(/* GraphQL */ `subscription($id: ID!) { orderStatusChanged(orderId: $id) { id status lines { sku quantity product { name } } } }`, { id: orderId });
    await liveOn('orders', 1);

    const cancelled = await hub.graphql(/* GraphQL */ `mutation($id: ID!) { cancelOrder(id: $id, reason: "customer changed their mind") { order { status } errors { code message } } }`, { id: orderId });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data.cancelOrder.errors).toEqual([]);
    const [event] = await sub.waitFor((r) => r.length >= 1);
    const expectedName = (await hub.graphql(/* GraphQL */ `{ product(sku: "SKU-000030") { name } }`)).data.product.name;
    expect(event!.errors).toBeUndefined();
    expect(event!.data.orderStatusChanged).toEqual({ id: orderId, status: cancelled.data.cancelOrder.order.status, lines: [{ sku: 'SKU-000030', quantity: 1, product: { name: expectedName } }] });

    const unknown = connect().subscribe(/* GraphQL */ `subscription { orderStatusChanged(orderId: "ORD-NOSUCHORDER") { id } }`);
    await unknown.ended();
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', field: 'orderId' } });
  });

  it('follows a promotion through its status changes', async () => {
    const saturday = nextSaturday(new Date());
    const promotion = await createPromotion(hub.graphql, {
      name: 'Watched 10',
      type: 'PERCENT_OFF',
      percentOff: 10,
      targets: { skus: ['SKU-000031'] },
      channels: ['ECOMMERCE'],
      startsAt: `${saturday}T09:00`,
      endsAt: `${plusDays(saturday, 1)}T09:00`,
      expectedUplift: 1,
    });
    const sub = connect().subscribe(/* GraphQL */ `subscription($id: ID!) { promotionStatusChanged(id: $id) { id name status } }`, { id: promotion.id });
    await liveOn('pricing', 1);

    const cancelled = await hub.graphql(/* GraphQL */ `mutation($id: ID!) { cancelPromotion(id: $id, reason: "supplier withdrew the deal") { promotion { status } errors { code message } } }`, { id: promotion.id });
    expect(cancelled.errors).toBeUndefined();
    const [event] = await sub.waitFor((r) => r.length >= 1);
    expect(event!.data.promotionStatusChanged).toEqual({ id: promotion.id, name: 'Watched 10', status: 'CANCELLED' });
  });
});
