// The pricing subgraph in process, against the real embedded ERP, on SQLite and PostgreSQL: prices, carts, entities, batching.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, execute, TEST_DIALECTS, testSubgraphDeps, type TestStore } from '@retail-hub/platform';
import { openTestErp, type ListPriceRecord, type LocationRecord, type TestErp } from '@retail-hub/erp';
import { createPricingSubgraph, type PricingSubgraph } from '../src/server.js';

const PRICE_FIELDS = /* GraphQL */ `amount { centAmount currency } regular { centAmount currency } channel onPromotion region`;

describe.each(TEST_DIALECTS)('pricing subgraph on %s', (dialect) => {
  let erp: TestErp;
  let store: TestStore;
  let subgraph: PricingSubgraph;
  let locations: LocationRecord[];

  const erpConditions = async (sku: string): Promise<ListPriceRecord[]> => (await erp.ports.priceConditions.getListPrices([sku]))[0]!;
  const national = (conditions: ListPriceRecord[], channel: string) => conditions.find((c) => c.channel === channel && c.region === null)!;
  const entities = (query: string, reps: Record<string, unknown>[], variables: Record<string, unknown> = {}) =>
    execute(subgraph, `query($reps: [_Any!]!${Object.keys(variables).map((k) => `, $${k}: ID`).join('')}) { _entities(representations: $reps) { ... on Product { sku ${query} } } }`, { reps, ...variables });
  const productRef = (sku: string) => ({ __typename: 'Product', sku });

  beforeAll(async () => {
    erp = await openTestErp({ skus: 80, stores: 12 });
    store = await createTestStore(dialect, 'pricing');
    subgraph = await createPricingSubgraph({ ...testSubgraphDeps(store.config), erp: { priceConditions: erp.ports.priceConditions, stockLedger: erp.ports.stockLedger } });
    await subgraph.start();
    locations = await erp.ports.stockLedger.getLocations();
  });

  afterAll(async () => {
    await subgraph?.stop();
    await store?.drop();
    await erp?.close();
  });

  it('gives a store in a region with its own shelf price that price, a store elsewhere the national one, and online the web price', async () => {
    const conditions = await erpConditions('SKU-000007');
    const regional = conditions.find((c) => c.channel === 'STORE' && c.region !== null)!;
    expect(regional).toBeDefined();
    const inRegion = locations.find((l) => l.type === 'STORE' && l.region === regional.region)!;
    const elsewhere = locations.find((l) => l.type === 'STORE' && !conditions.some((c) => c.channel === 'STORE' && c.region === l.region))!;
    expect(inRegion && elsewhere).toBeTruthy();

    const result = await entities(
      `regional: price(channel: STORE, locationId: $inRegion) { ${PRICE_FIELDS} }
       national: price(channel: STORE, locationId: $elsewhere) { ${PRICE_FIELDS} }
       web: price(channel: ECOMMERCE) { ${PRICE_FIELDS} }
       app: price(channel: MOBILE, locationId: $inRegion) { ${PRICE_FIELDS} }`,
      [productRef('SKU-000007')],
      { inRegion: inRegion.id, elsewhere: elsewhere.id },
    );
    expect(result.errors).toBeUndefined();
    const product = result.data._entities[0];
    const money = (c: ListPriceRecord) => ({ centAmount: c.centAmount, currency: c.currency });
    expect(product.regional).toEqual({ amount: money(regional), regular: money(regional), channel: 'STORE', onPromotion: false, region: regional.region });
    expect(product.national).toEqual({ amount: money(national(conditions, 'STORE')), regular: money(national(conditions, 'STORE')), channel: 'STORE', onPromotion: false, region: null });
    expect(product.regional.amount.centAmount).not.toBe(product.national.amount.centAmount);
    expect(product.web).toMatchObject({ amount: money(national(conditions, 'ECOMMERCE')), channel: 'ECOMMERCE', region: null });
    expect(product.app).toMatchObject({ amount: money(national(conditions, 'MOBILE')), channel: 'MOBILE', region: null });
  });

  it('resolves Product references (_entities) in order, with a null price for a SKU the ERP has no price for', async () => {
    const result = await entities(`price(channel: ECOMMERCE) { amount { centAmount } }`, [productRef('SKU-000003'), productRef('SKU-999999'), productRef('SKU-000001')]);
    expect(result.errors).toBeUndefined();
    const [first, unknown, last] = result.data._entities;
    expect(first).toEqual({ sku: 'SKU-000003', price: { amount: { centAmount: national(await erpConditions('SKU-000003'), 'ECOMMERCE').centAmount } } });
    expect(unknown).toEqual({ sku: 'SKU-999999', price: null });
    expect(last.sku).toBe('SKU-000001');
  });

  it('asks for a store location for shelf prices and refuses an unknown one, naming locationId', async () => {
    const missing = await entities(`price(channel: STORE) { region }`, [productRef('SKU-000001')]);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locationId' });
    const unknown = await entities(`price(channel: ECOMMERCE, locationId: "LOC-NOPE") { region }`, [productRef('SKU-000001')]);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locationId' });
  });

  const PRICE_CART = /* GraphQL */ `query($input: PriceCartInput!) { priceCart(input: $input) {
    channel currency subtotal { centAmount currency } discountTotal { centAmount } total { centAmount }
    lines { sku product { sku } quantity unitPrice { centAmount } regularUnitPrice { centAmount } lineSubtotal { centAmount } discount { centAmount } lineTotal { centAmount } adjustments { promotionId } }
  } }`;

  it('prices a cart: lines in input order at the regional shelf price, duplicates merged, subtotal and total summed', async () => {
    const west = locations.find((l) => l.type === 'STORE' && ['WEST', 'NORTHEAST'].includes(l.region))!;
    const skus = ['SKU-000012', 'SKU-000004', 'SKU-000009'];
    const unit = new Map<string, number>();
    for (const sku of skus) unit.set(sku, (await erpConditions(sku)).find((c) => c.channel === 'STORE' && c.region === west.region)!.centAmount);
    const input = { channel: 'STORE', locationId: west.id, lines: [{ sku: 'SKU-000012', quantity: 2 }, { sku: 'SKU-000004', quantity: 1 }, { sku: 'SKU-000009', quantity: 5 }, { sku: 'SKU-000012', quantity: 1 }] };
    const result = await execute(subgraph, PRICE_CART, { input });
    expect(result.errors).toBeUndefined();
    const cart = result.data.priceCart;
    expect(cart.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])).toEqual([['SKU-000012', 3], ['SKU-000004', 1], ['SKU-000009', 5]]);
    for (const line of cart.lines) {
      expect(line.product).toEqual({ sku: line.sku });
      expect(line.unitPrice.centAmount).toBe(unit.get(line.sku));
      expect(line.regularUnitPrice.centAmount).toBe(unit.get(line.sku));
      expect(line.lineSubtotal.centAmount).toBe(unit.get(line.sku)! * line.quantity);
      expect(line).toMatchObject({ discount: { centAmount: 0 }, lineTotal: line.lineSubtotal, adjustments: [] });
    }
    const subtotal = cart.lines.reduce((sum: number, l: { lineSubtotal: { centAmount: number } }) => sum + l.lineSubtotal.centAmount, 0);
    expect(cart).toMatchObject({ channel: 'STORE', currency: 'USD', subtotal: { centAmount: subtotal, currency: 'USD' }, discountTotal: { centAmount: 0 } });
    expect(cart.total.centAmount).toBe(cart.subtotal.centAmount - cart.discountTotal.centAmount);
  });

  it('prices an online cart without a location at the national web price', async () => {
    const result = await execute(subgraph, PRICE_CART, { input: { channel: 'ECOMMERCE', lines: [{ sku: 'SKU-000002', quantity: 4 }] } });
    expect(result.errors).toBeUndefined();
    expect(result.data.priceCart.total.centAmount).toBe(4 * national(await erpConditions('SKU-000002'), 'ECOMMERCE').centAmount);
  });

  it.each([
    ['no lines', { channel: 'ECOMMERCE', lines: [] }, 'input.lines'],
    ['more than 200 lines', { channel: 'ECOMMERCE', lines: Array.from({ length: 201 }, (_, i) => ({ sku: `SKU-${String(i % 80 + 1).padStart(6, '0')}`, quantity: 1 })) }, 'input.lines'],
    ['a quantity below 1', { channel: 'ECOMMERCE', lines: [1, 1, 1, 0].map((quantity, i) => ({ sku: `SKU-00000${i + 1}`, quantity })) }, 'input.lines.3.quantity'],
    ['a quantity above 9999', { channel: 'ECOMMERCE', lines: [{ sku: 'SKU-000001', quantity: 10000 }] }, 'input.lines.0.quantity'],
    ['an unknown SKU', { channel: 'ECOMMERCE', lines: [{ sku: 'SKU-999999', quantity: 1 }, { sku: 'SKU-000001', quantity: 1 }] }, 'input.lines.0.sku'],
    ['a store cart without a location', { channel: 'STORE', lines: [{ sku: 'SKU-000001', quantity: 1 }] }, 'input.locationId'],
    ['an unknown location', { channel: 'MOBILE', locationId: 'LOC-S9999', lines: [{ sku: 'SKU-000001', quantity: 1 }] }, 'input.locationId'],
  ])('refuses a cart with %s, naming the field', async (_, input, field) => {
    const result = await execute(subgraph, PRICE_CART, { input });
    expect(result.data?.priceCart ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('batches a page of 50 product references with several prices each into a bounded number of store queries', async () => {
    const deps = testSubgraphDeps(store.config);
    const counted = await createPricingSubgraph({ ...deps, erp: { priceConditions: erp.ports.priceConditions, stockLedger: erp.ports.stockLedger } });
    await counted.start();
    try {
      const stores = locations.filter((l) => l.type === 'STORE');
      // The outbox relay, the webhook dispatcher, the promotion clock and saga recovery poll in the
      // background; only the queries the request causes count (prices, locations, running promotions).
      const requestQueries = () => deps.queries.filter((q) => /"list_price"|from "location"|"promotion_item"/.test(q.query.sql)).length;
      const reps = Array.from({ length: 50 }, (_, i) => productRef(`SKU-${String(i + 1).padStart(6, '0')}`));
      deps.queries.length = 0;
      const result = await execute(
        counted,
        /* GraphQL */ `query($reps: [_Any!]!, $a: ID!, $b: ID!) { _entities(representations: $reps) { ... on Product { sku
          a: price(channel: STORE, locationId: $a) { amount { centAmount } }
          b: price(channel: STORE, locationId: $b) { amount { centAmount } }
          web: price(channel: ECOMMERCE) { amount { centAmount } } } } }`,
        { reps, a: stores[0]!.id, b: stores[1]!.id },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data._entities.filter((p: { a: unknown; web: unknown }) => p.a && p.web)).toHaveLength(50);
      // One batch of conditions for all 50 SKUs, one of locations, one of running promotions per
      // channel and location asked for (three here): not one per product.
      expect(requestQueries()).toBeLessThanOrEqual(5);

      deps.queries.length = 0;
      const cart = await execute(counted, PRICE_CART, { input: { channel: 'STORE', locationId: stores[0]!.id, lines: reps.map((r) => ({ sku: r.sku, quantity: 1 })) } });
      expect(cart.errors).toBeUndefined();
      expect(cart.data.priceCart.lines).toHaveLength(50);
      expect(requestQueries()).toBeLessThanOrEqual(3);
    } finally {
      await counted.stop();
    }
  });
});
