// stockChanged over graphql-ws on the subgraph itself: signed claims, filters, event ids and resuming after a gap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SCOPES, TEST_CLAIMS_SECRET, execute, serveSubgraph, signClaims, type RunningHttpServer } from '@retail-hub/platform';
import { TEST_DIALECTS } from '@retail-hub/platform/store/test-stores';
import { subscriptionTestClient, type TestSubscription, type TestSubscriptionClient } from '@retail-hub/platform/testing/subscription-test-client';
import { startInventory, type InventoryHarness } from './inventory-harness.js';

const ADJUST = /* GraphQL */ `mutation($input: AdjustStockInput!) { adjustStock(input: $input) { stockLevel { onHand } errors { code } } }`;
const STOCK_CHANGED = /* GraphQL */ `subscription($filter: StockChangedFilter) {
  stockChanged(filter: $filter) { id sku onHand reserved available previous { onHand available } reason asOf location { id name } product { sku } }
}`;

describe.each(TEST_DIALECTS)('stockChanged on the inventory subgraph (%s)', (dialect) => {
  let h: InventoryHarness;
  let http: RunningHttpServer;
  let client: TestSubscriptionClient;
  const wsUrl = () => `${http.url.replace('http', 'ws')}/graphql`;
  const adjust = async (sku: string, locationId: string, delta: number) => {
    const result = await execute(h.subgraph, ADJUST, { input: { sku, locationId, delta, reason: 'COUNT' } });
    expect(result.errors).toBeUndefined();
    return result.data.adjustStock.stockLevel.onHand as number;
  };

  /**
   * graphql-ws does not acknowledge a subscription: it is live once the server has opened its stream, and a change
   * before that goes unseen. Rather than sleep for a guess (100 ms was too short on a loaded machine), this makes a
   * change the subscription watches (by default a unit more at the watched position) until one arrives, then waits
   * until no more arrive.
   */
  const untilLive = async (sub: TestSubscription, sku: string, locationId: string, probe: (attempt: number) => Promise<unknown> = () => adjust(sku, locationId, 1)) => {
    for (let attempt = 1; ; attempt++) {
      await probe(attempt);
      const arrived = await sub.waitFor((r) => r.length > 0, 250).then(() => true, () => false);
      if (arrived) break;
      if (attempt === 40) throw new Error(`the subscription was not live after ${attempt} changes`);
    }
    for (let seen = -1; seen !== sub.results.length; ) {
      seen = sub.results.length;
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    h = await startInventory(dialect);
    http = await serveSubgraph(h.subgraph, { port: 0, claimsSecret: TEST_CLAIMS_SECRET, logger: h.deps.logger, metrics: h.deps.metrics });
    client = subscriptionTestClient(wsUrl(), { connectionParams: signClaims(ALL_SCOPES, TEST_CLAIMS_SECRET) });
  });

  afterAll(async () => {
    await client?.dispose();
    await http?.close();
    await h?.close();
  });

  it('sends each matching change with its event id and feed position, and nothing outside the filter', async () => {
    const sub = client.subscribe(STOCK_CHANGED, { filter: { skus: ['SKU-000020'], locationIds: ['LOC-S0001'] } });
    await untilLive(sub, 'SKU-000020', 'LOC-S0001');
    const before = sub.results.length;
    await adjust('SKU-000021', 'LOC-S0001', 2);
    await adjust('SKU-000020', 'LOC-S0002', 2);
    const onHand = await adjust('SKU-000020', 'LOC-S0001', 5);
    const [result] = (await sub.waitFor((r) => r.length > before)).slice(before);
    expect(result!.errors).toBeUndefined();
    expect(result!.data.stockChanged).toMatchObject({
      sku: 'SKU-000020',
      onHand,
      available: onHand,
      previous: { onHand: onHand - 5, available: onHand - 5 },
      reason: 'ADJUSTMENT:COUNT',
      location: { id: 'LOC-S0001', name: expect.any(String) },
      product: { sku: 'SKU-000020' },
    });
    expect(result!.extensions.event).toMatchObject({ id: result!.data.stockChanged.id, subject: 'SKU-000020@LOC-S0001', cursor: { seq: expect.any(Number), epoch: expect.any(String) } });
    await new Promise((r) => setTimeout(r, 200));
    expect(sub.results).toHaveLength(before + 1);
    sub.unsubscribe();
  });

  it('holds to belowAvailable', async () => {
    // The probe's position stays below the threshold (0 and 1 available in turn), so each probe is a change it sends.
    await adjust('SKU-000022', 'LOC-S0004', -(await adjust('SKU-000022', 'LOC-S0004', 1)));
    const sub = client.subscribe(STOCK_CHANGED, { filter: { skus: ['SKU-000022'], belowAvailable: 5 } });
    await untilLive(sub, 'SKU-000022', 'LOC-S0004', (attempt) => adjust('SKU-000022', 'LOC-S0004', attempt % 2 === 1 ? 1 : -1));
    const before = sub.results.length;
    const start = await adjust('SKU-000022', 'LOC-S0003', 1);
    // Down to 2 available: below 5 from here on.
    await adjust('SKU-000022', 'LOC-S0003', 2 - start);
    const results = (await sub.waitFor((r) => r.slice(before).some((x) => x.data.stockChanged.available === 2))).slice(before);
    expect(results.map((r) => r.data.stockChanged.available)).toEqual(start >= 5 ? [2] : [start, 2].filter((n) => n < 5));
    sub.unsubscribe();
  });

  it('refuses a bad filter naming the field, and an unsigned connection with 4403', async () => {
    const bad = client.subscribe(STOCK_CHANGED, { filter: { skus: [] } });
    await bad.ended();
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'filter.skus' } });
    const negative = client.subscribe(STOCK_CHANGED, { filter: { belowAvailable: -1 } });
    await negative.ended();
    expect(negative.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'filter.belowAvailable' } });

    const unsigned = subscriptionTestClient(wsUrl(), { connectionParams: { 'x-hub-claims': 'e30' } });
    expect((await unsigned.closed).code).toBe(4403);
    await unsigned.dispose();
  });

  it('replays what a subscriber missed when it resumes from its last position', async () => {
    const filter = { skus: ['SKU-000023'], locationIds: ['LOC-S0004'] };
    const first = client.subscribe(STOCK_CHANGED, { filter });
    await untilLive(first, 'SKU-000023', 'LOC-S0004');
    const seen = first.results.at(-1);
    first.unsubscribe();
    const missed = [await adjust('SKU-000023', 'LOC-S0004', 1), await adjust('SKU-000023', 'LOC-S0004', 1)];
    await h.subgraph.events.relay.flush();

    const resumed = client.subscribe(STOCK_CHANGED, { filter }, { resumeAfter: seen!.extensions.event.cursor });
    const results = await resumed.waitFor((r) => r.length >= 2);
    expect(results.map((r) => r.data.stockChanged.onHand)).toEqual(missed);
    resumed.unsubscribe();

    // A cursor from before a restart (another feed epoch): what came after its event is read back from the outbox.
    const afterRestart = client.subscribe(STOCK_CHANGED, { filter }, { resumeAfter: { ...seen!.extensions.event.cursor, epoch: 'an-earlier-process', seq: 1 } });
    const replayed = await afterRestart.waitFor((r) => r.length >= 2);
    expect(replayed.map((r) => r.data.stockChanged.onHand)).toEqual(missed);
    const live = await adjust('SKU-000023', 'LOC-S0004', 1);
    await afterRestart.waitFor((r) => r.length >= 3);
    expect(afterRestart.results.map((r) => r.data.stockChanged.onHand)).toEqual([...missed, live]);
    afterRestart.unsubscribe();
  });
});
