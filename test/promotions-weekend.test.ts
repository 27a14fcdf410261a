// The weekend promotion through the gateway, on SQLite and PostgreSQL: a few hundred SKUs, every store, three channels;
// the expected exceptions, resolved by people; go-live on the hub clock in each store's local time; every channel's batch; the cart; the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, TEST_DIALECTS, type WebhookTestReceiver } from '@retail-hub/platform';
import { startOrdersHub, type OrdersHub } from './support/orders-hub.js';
import { expectedIneligible, expectedMarginBreaches, expectedShortfalls, expectedSupplierShort, readCatalog, readStock, type CatalogProduct } from './support/promotion-expectations.js';
import { createPromotion, erpSalesHistory, nextSaturday, openExceptions, percentOff, plusDays, PRICE_CART, resolveAll, resolveException, schedule, setClock, submitAndWait, waitFor } from './support/promotions-kit.js';

const PERCENT = 25;
const UPLIFT = 2;

describe.each(TEST_DIALECTS)('a weekend promotion on %s', (dialect) => {
  let hub: OrdersHub;
  let receiver: WebhookTestReceiver;
  let stores: { id: string; region: string }[];
  let catalog: CatalogProduct[];
  let targeted: CatalogProduct[];
  let saturday: string;
  let promotionId: string;
  let rivalId: string;
  const resolved = { excludedItems: new Set<string>(), excludedAt: new Set<string>(), approvedMargin: new Set<string>() };
  const gql = (q: string, v?: Record<string, unknown>) => hub.gql(q, v);
  const batches = (path: string, promotion = promotionId) => receiver.received.filter((d) => d.path === path).map((d) => JSON.parse(d.body) as any[]).filter((events) => events[0].data.promotionId === promotion);

  beforeAll(async () => {
    hub = await startOrdersHub(dialect, { skus: 400, stores: 24, timeoutMs: 120_000 });
    receiver = await startWebhookReceiver();
    const now = await setClock(hub, { set: new Date().toISOString() });
    saturday = nextSaturday(now);
    // Wednesday noon UTC before the weekend: validation measures supplier lead times from here.
    await setClock(hub, { set: `${plusDays(saturday, -3)}T12:00:00.000Z` });
    stores = (await gql(/* GraphQL */ `{ locations(filter: { type: STORE }, first: 200) { nodes { id region } } }`)).data.locations.nodes;
    const storeByRegion = new Map(stores.map((s) => [s.region, s.id]));
    catalog = await readCatalog(gql, storeByRegion);
  }, 180_000);

  afterAll(async () => {
    await receiver?.close();
    await hub?.dispose();
  });

  it('registers every channel endpoint, refusing a host off the allowlist', async () => {
    const register = async (path: string, input: Record<string, unknown>) => {
      const r = await gql(/* GraphQL */ `mutation($i: RegisterWebhookInput!) { registerWebhook(input: $i) { webhook { id audience locationId active } secret errors { message } } }`, { i: { url: `${receiver.baseUrl}${path}`, ...input } });
      expect(r.errors).toBeUndefined();
      receiver.secrets.set(path, r.data.registerWebhook.secret);
      return r.data.registerWebhook.webhook;
    };
    for (const s of stores) expect(await register(`/pos/${s.id}`, { audience: 'STORE', locationId: s.id })).toMatchObject({ audience: 'STORE', locationId: s.id, active: true });
    await register('/ecommerce', { audience: 'ECOMMERCE' });
    await register('/mobile', { audience: 'MOBILE' });
    await register('/analytics', { audience: 'ANALYTICS' });
    const refused = await gql(/* GraphQL */ `mutation { registerWebhook(input: { url: "https://pos.attacker.example/hook", audience: ANALYTICS }) { webhook { id } } }`);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    expect((await gql(/* GraphQL */ `{ webhooks { id } }`)).data.webhooks).toHaveLength(stores.length + 3);
  });

  it('finds exactly the exceptions the catalog, prices, stock and sales history call for', async () => {
    const departments = [...new Set(catalog.map((p) => p.categoryPath.at(-1)!))].sort();
    const extra = catalog.filter((p) => !departments.slice(0, 2).includes(p.categoryPath.at(-1)!)).slice(0, 12).map((p) => p.sku);
    const excluded = catalog.filter((p) => p.categoryPath.at(-1) === departments[0]).slice(0, 3).map((p) => p.sku);
    targeted = catalog.filter((p) => (departments.slice(0, 2).includes(p.categoryPath.at(-1)!) || extra.includes(p.sku)) && !excluded.includes(p.sku));
    expect(targeted.length).toBeGreaterThan(100);

    // A rival, exclusive and richer, on four of the SKUs online on Saturday afternoon: a date conflict on ECOMMERCE only.
    const rivalSkus = targeted.filter((p) => p.status === 'ACTIVE' && p.promotable).slice(0, 4).map((p) => p.sku);
    const rival = await createPromotion(gql, { name: 'Flash 40', type: 'PERCENT_OFF', percentOff: 40, stacking: 'EXCLUSIVE', targets: { skus: rivalSkus }, channels: ['ECOMMERCE'], startsAt: `${saturday}T12:00`, endsAt: `${plusDays(saturday, 1)}T12:00`, expectedUplift: 1 });
    rivalId = rival.id;
    expect((await submitAndWait(gql, rivalId, 180_000)).status).toMatch(/READY|BLOCKED/);
    await resolveAll(gql, rivalId);
    await schedule(gql, rivalId);

    const created = await createPromotion(gql, {
      name: 'Weekend 25',
      type: 'PERCENT_OFF',
      percentOff: PERCENT,
      targets: { categoryIds: departments.slice(0, 2), skus: extra, excludeSkus: excluded },
      channels: ['STORE', 'ECOMMERCE', 'MOBILE'],
      startsAt: `${saturday}T00:00`,
      endsAt: `${plusDays(saturday, 2)}T00:00`,
      expectedUplift: UPLIFT,
    });
    promotionId = created.id;
    expect(created).toMatchObject({ status: 'DRAFT', dealText: '25% off' });
    const checked = await submitAndWait(gql, promotionId);
    expect(checked.status).toBe('BLOCKED');

    const open = await openExceptions(gql, promotionId);
    const skusOf = (code: string) => [...new Set(open.filter((e) => e.code === code).map((e) => e.sku))].sort();
    const skus = new Set(targeted.map((p) => p.sku));
    expect(new Set((await gql(/* GraphQL */ `query($id: ID!) { promotion(id: $id) { items(first: 500) { nodes { sku } } } }`, { id: promotionId })).data.promotion.items.nodes.map((i: any) => i.sku))).toEqual(skus);
    expect(skusOf('ITEM_NOT_ELIGIBLE')).toEqual(expectedIneligible(targeted));
    const points = ['ECOMMERCE', 'MOBILE', ...new Set(stores.map((s) => `STORE:${s.region}`))];
    expect(skusOf('MARGIN_BREACH')).toEqual(expectedMarginBreaches(targeted, PERCENT, points));
    const windows = (await gql(/* GraphQL */ `query($id: ID!) { promotion(id: $id) { windows { locationId online startsAt } } }`, { id: promotionId })).data.promotion.windows;
    expect(windows).toHaveLength(stores.length + 1);
    // Saturday and Sunday (0 and 6), twice the usual demand, against stock the graph reports now.
    const shortfalls = expectedShortfalls(erpSalesHistory(hub.hub.dataDir), await readStock(gql, [...skus]), skus, new Set(windows.map((w: any) => w.locationId)), [0, 6], UPLIFT);
    const stock = open.filter((e) => e.code === 'INSUFFICIENT_STOCK');
    expect(shortfalls.size).toBeGreaterThan(0);
    expect(new Map(stock.map((e) => [`${e.sku}@${e.locationId}`, e.shortfall]))).toEqual(shortfalls);
    const firstStart = Math.min(...windows.map((w: any) => Date.parse(w.startsAt)));
    const now = Date.parse(`${plusDays(saturday, -3)}T12:00:00Z`);
    expect(skusOf('SUPPLIER_CAPACITY')).toEqual(expectedSupplierShort(targeted, shortfalls, (firstStart - now) / 86_400_000));
    expect(open.filter((e) => e.code === 'DATE_CONFLICT').map((e) => [e.sku, e.channel]).sort()).toEqual(rivalSkus.map((s) => [s, 'ECOMMERCE']).sort());
  }, 240_000);

  it('lets people resolve every exception, in parallel, and is then READY', async () => {
    const open = await openExceptions(gql, promotionId);
    const ineligible = open.find((e) => e.code === 'ITEM_NOT_ELIGIBLE');
    if (ineligible) expect((await resolveException(gql, ineligible.id, 'ACCEPT')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'resolution' });
    const margins = open.filter((e) => e.code === 'MARGIN_BREACH').sort((a, b) => (a.sku < b.sku ? -1 : 1));
    const storeWithShortfall = open.find((e) => e.code === 'INSUFFICIENT_STOCK' && e.locationId.startsWith('LOC-S'))!.locationId;
    const plan = open.map((e) => {
      if (e.code === 'ITEM_NOT_ELIGIBLE') return [e, 'EXCLUDE_ITEM'] as const;
      if (e.code === 'MARGIN_BREACH') return [e, margins.indexOf(e) % 2 === 0 ? 'ACCEPT' : 'EXCLUDE_ITEM'] as const;
      if (e.code === 'INSUFFICIENT_STOCK' && e.locationId === storeWithShortfall) return [e, 'EXCLUDE_LOCATION'] as const;
      return [e, 'ACCEPT'] as const;
    });
    for (let i = 0; i < plan.length; i += 16) {
      await Promise.all(plan.slice(i, i + 16).map(async ([e, resolution]) => {
        const r = await resolveException(gql, e.id, resolution);
        expect(r.errors).toBeUndefined();
        const outcome = r.data.resolvePromotionException;
        // An exclusion settles the other exceptions of the same SKU (and location): those answer ALREADY_RESOLVED.
        if (outcome.errors.length) return expect(outcome.errors[0].code).toBe('ALREADY_RESOLVED');
        if (resolution === 'EXCLUDE_ITEM') resolved.excludedItems.add(e.sku);
        if (resolution === 'EXCLUDE_LOCATION') resolved.excludedAt.add(`${e.sku}@${e.locationId}`);
        if (resolution === 'ACCEPT' && e.code === 'MARGIN_BREACH') resolved.approvedMargin.add(e.sku);
      }));
    }
    expect(await openExceptions(gql, promotionId)).toEqual([]);
    expect((await gql(/* GraphQL */ `query($id: ID!) { promotion(id: $id) { status } }`, { id: promotionId })).data.promotion.status).toBe('READY');
    expect((await schedule(gql, promotionId)).status).toBe('SCHEDULED');
  }, 120_000);

  it('goes live store by store at local midnight, every channel receiving its signed batch, and the cart prices it', async () => {
    const windows: { locationId: string; startsAt: string; online: boolean }[] = (await gql(/* GraphQL */ `query($id: ID!) { promotion(id: $id) { windows { locationId online startsAt } } }`, { id: promotionId })).data.promotion.windows;
    const storeWindows = windows.filter((w) => !w.online);
    const earliest = Math.min(...storeWindows.map((w) => Date.parse(w.startsAt)));
    const latest = Math.max(...windows.map((w) => Date.parse(w.startsAt)));
    expect(latest).toBeGreaterThan(earliest);
    const early = storeWindows.filter((w) => Date.parse(w.startsAt) === earliest).map((w) => w.locationId);
    const late = storeWindows.find((w) => Date.parse(w.startsAt) === latest)!.locationId;
    const included = targeted.filter((p) => !resolved.excludedItems.has(p.sku));
    const sku = included.find((p) => !storeWindows.some((w) => resolved.excludedAt.has(`${p.sku}@${w.locationId}`)))!;
    const cartAt = async (locationId: string) => (await gql(PRICE_CART, { input: { channel: 'STORE', locationId, lines: [{ sku: sku.sku, quantity: 3 }] } })).data.priceCart;

    // The eastern stores' midnight: they go live, the western ones do not yet.
    await setClock(hub, { set: new Date(earliest + 30 * 60_000).toISOString() });
    await waitFor(async () => early.every((id) => batches(`/pos/${id}`).length === 1), 'the eastern stores\' batches');
    expect(batches(`/pos/${late}`)).toHaveLength(0);
    expect((await cartAt(early[0]!)).discountTotal.centAmount).toBeGreaterThan(0);
    expect((await cartAt(late)).discountTotal.centAmount).toBe(0);

    await setClock(hub, { set: new Date(latest + 30 * 60_000).toISOString() });
    await waitFor(async () => stores.every((s) => batches(`/pos/${s.id}`).length === 1) && batches('/ecommerce').length === 1 && batches('/mobile').length === 1, 'every channel\'s batch', 30_000);
    await waitFor(async () => batches('/analytics').length === windows.length, 'analytics');
    expect(receiver.received.every((d) => d.verified)).toBe(true);

    for (const store of stores) {
      const [started, ...changes] = batches(`/pos/${store.id}`)[0]!;
      expect(started).toMatchObject({ type: 'pricing.promotion.started.v1', specversion: '1.0', data: { promotionId, locations: [{ locationId: store.id }] } });
      const expected = new Map(
        included.filter((p) => !resolved.excludedAt.has(`${p.sku}@${store.id}`)).map((p) => {
          const regular = p.prices.get(`STORE:${store.region}`)!;
          return [p.sku, [regular, regular - percentOff(regular, PERCENT)]];
        }),
      );
      expect(new Map(changes.map((e) => [e.data.sku, [e.data.previous.centAmount, e.data.current.centAmount]]))).toEqual(expected);
      expect(changes.every((e) => e.type === 'pricing.price.changed.v1' && e.data.channel === 'STORE' && e.data.locationId === store.id && e.data.cause === 'PROMOTION_STARTED')).toBe(true);
    }
    expect(batches('/ecommerce')[0]!.slice(1).every((e) => e.data.channel === 'ECOMMERCE')).toBe(true);
    expect(batches('/mobile')[0]!.slice(1).map((e) => e.data.sku).sort()).toEqual(included.map((p) => p.sku).sort());

    const regular = sku.prices.get(`STORE:${stores.find((s) => s.id === late)!.region}`)!;
    expect(await cartAt(late)).toMatchObject({ discountTotal: { centAmount: 3 * percentOff(regular, PERCENT) }, lines: [{ adjustments: [{ promotionId, description: '25% off' }] }] });
    const shelf = (await gql(/* GraphQL */ `query($sku: ID!, $loc: ID) { product(sku: $sku) { price(channel: STORE, locationId: $loc) { amount { centAmount } regular { centAmount } onPromotion } activePromotions(channel: STORE, locationId: $loc) { id } } }`, { sku: sku.sku, loc: late })).data.product;
    expect(shelf).toEqual({ price: { amount: { centAmount: regular - percentOff(regular, PERCENT) }, regular: { centAmount: regular }, onPromotion: true }, activePromotions: [{ id: promotionId }] });

    // Shelf prices at two stores in one request (pricing looks up both stores' promotions in one query): the store
    // that excluded the item sells it at the regular price, the other one on promotion.
    const [excludedSku, excludingStore] = [...resolved.excludedAt].map((k) => k.split('@') as [string, string]).find(([s]) => included.some((p) => p.sku === s))!;
    const otherStore = stores.find((s) => !resolved.excludedAt.has(`${excludedSku}@${s.id}`))!.id;
    const twoShelves = (await gql(/* GraphQL */ `query($sku: ID!, $a: ID, $b: ID) { product(sku: $sku) { a: price(channel: STORE, locationId: $a) { onPromotion } b: price(channel: STORE, locationId: $b) { onPromotion } } }`, { sku: excludedSku, a: excludingStore, b: otherStore })).data.product;
    expect(twoShelves).toEqual({ a: { onPromotion: false }, b: { onPromotion: true } });
  }, 120_000);

  it('lets the richer exclusive rival win its SKUs online while both run, and the cart never depends on line order', async () => {
    // Saturday afternoon: the rival runs online (noon to noon, local) beside the weekend promotion.
    await setClock(hub, { set: `${saturday}T20:00:00.000Z` });
    const rivalSkus: string[] = (await gql(/* GraphQL */ `query($id: ID!) { promotion(id: $id) { targets { skus } } }`, { id: rivalId })).data.promotion.targets.skus;
    const other = targeted.find((p) => !resolved.excludedItems.has(p.sku) && !rivalSkus.includes(p.sku))!.sku;
    const lines = [{ sku: rivalSkus[0]!, quantity: 2 }, { sku: other, quantity: 1 }];
    const cart = (await gql(PRICE_CART, { input: { channel: 'ECOMMERCE', lines } })).data.priceCart;
    expect(cart.lines[0].adjustments.map((a: any) => a.promotionId)).toEqual([rivalId]);
    expect(cart.lines[1].adjustments.map((a: any) => a.promotionId)).toEqual([promotionId]);
    const reversed = (await gql(PRICE_CART, { input: { channel: 'ECOMMERCE', lines: [...lines].reverse() } })).data.priceCart;
    expect(reversed.lines.map((l: any) => l.sku)).toEqual([other, rivalSkus[0]]);
    expect(reversed.total).toEqual(cart.total);
    expect(cart.discountTotal.centAmount).toBe(cart.lines.reduce((s: number, l: any) => s + l.discount.centAmount, 0));
  });

  it('ends at local end of Sunday: every store is told to revert, the cart is back to regular, the promotion ENDED', async () => {
    await setClock(hub, { set: `${plusDays(saturday, 2)}T12:00:00.000Z` });
    await waitFor(async () => stores.every((s) => batches(`/pos/${s.id}`).length === 2), 'every store\'s end batch', 30_000);
    for (const store of stores) {
      const [ended, ...reverts] = batches(`/pos/${store.id}`)[1]!;
      expect(ended).toMatchObject({ type: 'pricing.promotion.ended.v1', data: { promotionId, locationIds: [store.id] } });
      expect(reverts.every((e) => e.data.cause === 'PROMOTION_ENDED' && e.data.current.centAmount === e.data.previous.centAmount + percentOff(e.data.current.centAmount, PERCENT))).toBe(true);
    }
    const cart = (await gql(PRICE_CART, { input: { channel: 'STORE', locationId: stores[0]!.id, lines: targeted.slice(0, 10).map((p) => ({ sku: p.sku, quantity: 1 })) } })).data.priceCart;
    expect(cart.discountTotal.centAmount).toBe(0);
    await waitFor(async () => (await gql(/* GraphQL */ `query($id: ID!) { promotion(id: $id) { status } }`, { id: promotionId })).data.promotion.status === 'ENDED', 'ENDED');
    const log = await waitFor(async () => {
      const nodes = (await gql(/* GraphQL */ `{ webhookDeliveries(first: 500) { nodes { status attempts log { statusCode outcome } } } }`)).data.webhookDeliveries.nodes;
      return nodes.every((m: any) => m.status === 'DELIVERED') ? nodes : null;
    }, 'every delivery to be made');
    expect(log.length).toBeGreaterThanOrEqual(2 * (stores.length + 3));
    expect(log.every((m: any) => m.attempts === 1 && m.log[0].statusCode === 204)).toBe(true);
  }, 60_000);
});
