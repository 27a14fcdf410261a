// The pricing subgraph following the ERP: change events, prices entered ahead of time, expired prices, the ERP down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { createTestStore, execute, TEST_DIALECTS, testSubgraphDeps, type EventEnvelope, type TestStore } from '@retail-hub/platform';
import { openTestErp, type LocationRecord, type TestErp } from '@retail-hub/erp';
import { createPricingSubgraph, type PricingSubgraph } from '../src/server.js';
import { PRICE_CHANGED } from '../src/events/price-changed.event.js';

const eventSchema = JSON.parse(readFileSync(new URL('../../../platform/src/events/schemas/pricing.price.changed.v1.schema.json', import.meta.url), 'utf8'));
const DAY_MS = 86_400_000;

describe.each(TEST_DIALECTS)('pricing sync on %s', (dialect) => {
  let erp: TestErp;
  let store: TestStore;
  let deps: ReturnType<typeof testSubgraphDeps>;
  let subgraph: PricingSubgraph;
  let locations: LocationRecord[];
  const published: EventEnvelope[] = [];

  const itemNo = (sku: string) => sql`(SELECT erp_id FROM xref WHERE entity = 'item' AND hub_id = ${sku})`;
  /** Changes ERP conditions the way the ERP does: a new change sequence number on every row it touches. */
  const erpChange = async (statement: ReturnType<typeof sql>) => {
    await sql`UPDATE change_counter SET value = value + 1`.execute(erp.erp.db);
    await statement.execute(erp.erp.db);
  };
  const NEXT_SEQ = sql`(SELECT value FROM change_counter)`;
  const syncAndPublish = async () => {
    await subgraph.sync.prices.syncNow();
    await subgraph.events.relay.flush();
  };
  const priceAt = async (sku: string, channel: string, locationId: string | null, instance: PricingSubgraph = subgraph) => {
    const result = await execute(instance, /* GraphQL */ `query($reps: [_Any!]!, $channel: Channel!, $loc: ID) { _entities(representations: $reps) { ... on Product { price(channel: $channel, locationId: $loc) { amount { centAmount } region } } } }`, {
      reps: [{ __typename: 'Product', sku }],
      channel,
      loc: locationId,
    });
    expect(result.errors).toBeUndefined();
    return result.data._entities[0].price as { amount: { centAmount: number }; region: string | null } | null;
  };
  const storeIn = (predicate: (region: string) => boolean) => locations.find((l) => l.type === 'STORE' && predicate(l.region))!;
  const hasRegionalPrice = (region: string) => ['NORTHEAST', 'WEST'].includes(region);

  beforeAll(async () => {
    erp = await openTestErp({ skus: 60, stores: 12 });
    store = await createTestStore(dialect, 'pricing_sync');
    deps = testSubgraphDeps(store.config);
    await deps.bus.subscribe({ consumer: 'probe', types: ['pricing.*'], handler: async ({ event }) => void published.push(event) });
    subgraph = await createPricingSubgraph({ ...deps, erp: { priceConditions: erp.ports.priceConditions, stockLedger: erp.ports.stockLedger } });
    await subgraph.start();
    await subgraph.events.relay.flush();
    locations = await erp.ports.stockLedger.getLocations();
  });

  afterAll(async () => {
    await subgraph?.stop();
    await store?.drop();
    await erp?.close();
  });

  it('announces nothing for the initial load, then one pricing.price.changed.v1 per condition the ERP changes', async () => {
    expect(published).toHaveLength(0);
    const elsewhere = storeIn((r) => !hasRegionalPrice(r));
    const before = (await priceAt('SKU-000005', 'STORE', elsewhere.id))!.amount.centAmount;

    await erpChange(sql`UPDATE price_condition SET amount = 12345, seq = ${NEXT_SEQ} WHERE item_no = ${itemNo('SKU-000005')} AND channel = 'STORE' AND region = ''`);
    // The ERP re-sending a condition it did not change is not a price change.
    await erpChange(sql`UPDATE price_condition SET seq = ${NEXT_SEQ} WHERE item_no = ${itemNo('SKU-000005')} AND channel = 'ECOMMERCE'`);
    await syncAndPublish();

    expect(published).toHaveLength(1);
    const [event] = published;
    expect(event).toMatchObject({ type: PRICE_CHANGED, source: '/retail-hub/pricing', subject: 'SKU-000005' });
    expect(event!.data).toEqual({
      sku: 'SKU-000005',
      channel: 'STORE',
      region: null,
      previous: { centAmount: before, currency: 'USD', validFrom: expect.any(String), validTo: null },
      current: { centAmount: 12345, currency: 'USD', validFrom: expect.any(String), validTo: null },
    });
    // The data carries exactly what its JSON Schema declares.
    const data = event!.data as Record<string, Record<string, unknown>>;
    expect(Object.keys(data).sort()).toEqual([...eventSchema.required].sort());
    expect(Object.keys(data.current!).sort()).toEqual([...eventSchema.$defs.listPrice.required].sort());
    expect(await priceAt('SKU-000005', 'STORE', elsewhere.id)).toEqual({ amount: { centAmount: 12345 }, region: null });
  });

  it('applies a regional price entered ahead of time from its start, by the clock', async () => {
    const shop = storeIn((r) => !hasRegionalPrice(r));
    const national = (await priceAt('SKU-000006', 'STORE', shop.id))!;
    const startsAt = new Date(deps.clock.now().getTime() + DAY_MS).toISOString();
    await erpChange(sql`INSERT INTO price_condition (item_no, channel, region, amount, currency, valid_from, valid_to, seq)
      VALUES (${itemNo('SKU-000006')}, 'STORE', ${shop.region}, 777, 'USD', ${startsAt}, NULL, ${NEXT_SEQ})`);
    published.length = 0;
    await syncAndPublish();
    expect(published.map((e) => e.data)).toEqual([
      { sku: 'SKU-000006', channel: 'STORE', region: shop.region, previous: null, current: { centAmount: 777, currency: 'USD', validFrom: startsAt, validTo: null } },
    ]);

    expect(await priceAt('SKU-000006', 'STORE', shop.id)).toEqual({ amount: national.amount, region: null });
    deps.clock.advance(DAY_MS);
    expect(await priceAt('SKU-000006', 'STORE', shop.id)).toEqual({ amount: { centAmount: 777 }, region: shop.region });
    // Other regions keep the national price.
    const other = storeIn((r) => r !== shop.region && !hasRegionalPrice(r));
    if (other) expect(await priceAt('SKU-000006', 'STORE', other.id)).toEqual({ amount: national.amount, region: null });
  });

  it('has no price, and refuses to cart, a SKU whose ERP prices have all ended', async () => {
    await erpChange(sql`UPDATE price_condition SET valid_to = '2021-01-01', seq = ${NEXT_SEQ} WHERE item_no = ${itemNo('SKU-000010')}`);
    await syncAndPublish();
    expect(await priceAt('SKU-000010', 'ECOMMERCE', null)).toBeNull();
    const cart = await execute(subgraph, /* GraphQL */ `query($input: PriceCartInput!) { priceCart(input: $input) { total { centAmount } } }`, {
      input: { channel: 'ECOMMERCE', lines: [{ sku: 'SKU-000001', quantity: 1 }, { sku: 'SKU-000010', quantity: 1 }] },
    });
    expect(cart.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines.1.sku' });
  });

  it('keeps answering prices and carts from its projection while the ERP is down, even after a restart', async () => {
    const west = storeIn(hasRegionalPrice);
    const before = await priceAt('SKU-000003', 'STORE', west.id);
    expect(before?.region).toBe(west.region);
    erp.faults.set({ outage: true });
    try {
      await expect(subgraph.sync.prices.syncNow()).rejects.toThrow(/outage/);
      expect(await priceAt('SKU-000003', 'STORE', west.id)).toEqual(before);

      const restarted = await createPricingSubgraph({ ...testSubgraphDeps(store.config), erp: { priceConditions: erp.ports.priceConditions, stockLedger: erp.ports.stockLedger } });
      await restarted.start();
      try {
        expect(await priceAt('SKU-000003', 'STORE', west.id, restarted)).toEqual(before);
        const cart = await execute(restarted, /* GraphQL */ `query($input: PriceCartInput!) { priceCart(input: $input) { total { centAmount } } }`, {
          input: { channel: 'STORE', locationId: west.id, lines: [{ sku: 'SKU-000003', quantity: 2 }] },
        });
        expect(cart.data?.priceCart.total.centAmount).toBe(2 * before!.amount.centAmount);
      } finally {
        await restarted.stop();
      }
    } finally {
      erp.faults.clear();
    }
  });
});
