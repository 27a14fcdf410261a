// Promotion rules through the gateway, on SQLite and PostgreSQL: bad input and wrong states named by field with nothing written,
// scopes, simultaneous submissions, and how stackable and exclusive promotions combine in the cart and on the shelf.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '@retail-hub/platform';
import { startOrdersHub, type OrdersHub } from './support/orders-hub.js';
import { bearer, post } from './support/security-kit.js';
import { apiKey, comfortableSkus, createPromotion, hubNow, openExceptions, percentOff, plusDays, PRICE_CART, runningPromotion, submitAndWait, waitFor } from './support/promotions-kit.js';

const CREATE = /* GraphQL */ `mutation($input: CreatePromotionInput!) { createPromotion(input: $input) { promotion { id } errors { code field } } }`;

describe.each(TEST_DIALECTS)('promotion rules on %s', (dialect) => {
  let hub: OrdersHub;
  let today: string;
  let valid: Record<string, unknown>;
  const gql = (q: string, v?: Record<string, unknown>) => hub.gql(q, v);
  const count = async () => (await gql(/* GraphQL */ `{ promotions(first: 1) { totalCount } }`)).data.promotions.totalCount;
  const field = (result: any) => result.errors?.[0]?.extensions;

  beforeAll(async () => {
    hub = await startOrdersHub(dialect, { skus: 120, stores: 6, timeoutMs: 120_000 });
    today = (await hubNow(hub)).toISOString().slice(0, 10);
    valid = { name: 'Valid', type: 'PERCENT_OFF', percentOff: 10, targets: { skus: ['SKU-000001', 'SKU-000002'] }, channels: ['STORE'], startsAt: `${plusDays(today, 3)}T00:00`, endsAt: `${plusDays(today, 5)}T00:00`, expectedUplift: 1.5 };
  }, 180_000);
  afterAll(async () => hub?.dispose());

  it.each([
    ['an end before the start', { endsAt: 'START' }, 'input.endsAt'],
    ['a percentage over 100', { percentOff: 120 }, 'input.percentOff'],
    ['an unknown SKU', { targets: { skus: ['SKU-000001', 'SKU-999999'] } }, 'input.targets.skus.1'],
    ['a field of another type of deal', { amountOff: 100 }, 'input.amountOff'],
    ['a start that is not a local date and time', { startsAt: 'next saturday' }, 'input.startsAt'],
    ['an unknown category', { targets: { categoryIds: ['CAT-NOPE'] } }, 'input.targets.categoryIds.0'],
    ['an uplift under 1', { expectedUplift: 0.5 }, 'input.expectedUplift'],
    ['no channel', { channels: [] }, 'input.channels'],
    ['a store list naming an unknown store', { locations: { scope: 'LIST', locationIds: ['LOC-S0001', 'LOC-S9999'] } }, 'input.locations.locationIds.1'],
    ['a region without stores', { locations: { scope: 'REGIONS', regions: ['ATLANTIS'] } }, 'input.locations.regions.0'],
  ])('refuses %s, naming the field, and writes nothing', async (_, change, name) => {
    const before = await count();
    const input = { ...valid, ...change };
    if ((input as { endsAt?: string }).endsAt === 'START') (input as { endsAt?: string }).endsAt = `${plusDays(today, 2)}T23:00`;
    const result = await gql(CREATE, { input });
    expect(result.data?.createPromotion ?? null).toBeNull();
    expect(field(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: name });
    expect(await count()).toBe(before);
  });

  it('refuses to edit, submit or schedule a promotion in the wrong state, naming id, and leaves it as it was', async () => {
    const [a] = await comfortableSkus(gql, 10, 1);
    const live = await runningPromotion(hub, { name: 'Live one', type: 'PERCENT_OFF', percentOff: 10, targets: { skus: [a!.sku] }, channels: ['STORE'] });
    const edit = await gql(/* GraphQL */ `mutation($id: ID!) { updatePromotion(id: $id, input: { name: "Renamed", percentOff: 50 }) { promotion { name } } }`, { id: live.id });
    expect(field(edit)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(edit.errors![0].message).toMatch(/LIVE/);
    for (const op of ['submitPromotion', 'schedulePromotion']) expect(field(await gql(`mutation($id: ID!) { ${op}(id: $id) { promotion { id } } }`, { id: live.id }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(field(await gql(/* GraphQL */ `mutation($id: ID!) { cancelPromotion(id: $id, reason: " ") { promotion { id } } }`, { id: live.id }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await gql(/* GraphQL */ `query($id: ID!) { promotion(id: $id) { name status rule { percentOff } } }`, { id: live.id })).data.promotion).toEqual({ name: 'Live one', status: 'LIVE', rule: { percentOff: 10 } });
    const draft = await createPromotion(gql, valid);
    expect(field(await gql(/* GraphQL */ `mutation($id: ID!) { schedulePromotion(id: $id) { promotion { id } } }`, { id: draft.id }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const renamed = await gql(/* GraphQL */ `mutation($id: ID!) { updatePromotion(id: $id, input: { name: "Draft renamed" }) { promotion { name status rule { percentOff } } errors { code } } }`, { id: draft.id });
    expect(renamed.data.updatePromotion).toEqual({ promotion: { name: 'Draft renamed', status: 'DRAFT', rule: { percentOff: 10 } }, errors: [] });
  });

  it('needs pricing:approve to accept an exception, pricing:write to author, and refuses callers without them', async () => {
    const [merchandiser, approver, reader] = await Promise.all([
      apiKey(hub, 'Merchandiser', ['pricing:read', 'pricing:write']),
      apiKey(hub, 'Category manager', ['pricing:read', 'pricing:approve']),
      apiKey(hub, 'Dashboard', ['pricing:read']),
    ]);
    const as = (key: string | null, query: string, variables: Record<string, unknown> = {}) => post(hub.hub, { query, variables }, bearer(key)).then((r) => r.body);
    const code = (body: any) => body.errors?.[0]?.extensions?.code;
    // Sixty percent off breaks some margins: exceptions for people to resolve.
    const created = (await as(merchandiser, CREATE, { input: { ...valid, name: 'Deep cut', percentOff: 60, targets: { skus: ['SKU-000001', 'SKU-000002', 'SKU-000003', 'SKU-000004', 'SKU-000005', 'SKU-000006'] } } })).data.createPromotion.promotion;
    expect((await submitAndWait(gql, created.id)).status).toBe('BLOCKED');
    const open = await openExceptions(gql, created.id);
    const first = open[0];
    const second = open.find((e) => e.sku !== first.sku && e.code !== 'ITEM_NOT_ELIGIBLE');
    const resolve = /* GraphQL */ `mutation($id: ID!, $r: ExceptionResolution!) { resolvePromotionException(id: $id, resolution: $r, reason: "checked") { exception { status resolution } } }`;
    expect(code(await as(merchandiser, resolve, { id: first.id, r: 'ACCEPT' }))).toBe('FORBIDDEN');
    expect((await as(merchandiser, resolve, { id: first.id, r: 'EXCLUDE_ITEM' })).data.resolvePromotionException.exception).toEqual({ status: 'RESOLVED', resolution: 'EXCLUDE_ITEM' });
    if (second) {
      expect(code(await as(approver, resolve, { id: second.id, r: 'EXCLUDE_ITEM' }))).toBe('FORBIDDEN');
      expect((await as(approver, resolve, { id: second.id, r: 'ACCEPT' })).data.resolvePromotionException.exception).toEqual({ status: 'RESOLVED', resolution: 'ACCEPT' });
    }
    const register = /* GraphQL */ `mutation { registerWebhook(input: { url: "http://127.0.0.1:9/x", audience: ANALYTICS }) { webhook { id } } }`;
    expect(code(await as(reader, register))).toMatch(/FORBIDDEN|UNAUTHORIZED_FIELD_OR_TYPE/);
    expect(code(await as(null, CREATE, { input: valid }))).toMatch(/FORBIDDEN|UNAUTHENTICATED|UNAUTHORIZED_FIELD_OR_TYPE/);
    expect(code(await as(reader, CREATE, { input: valid }))).toMatch(/FORBIDDEN|UNAUTHORIZED_FIELD_OR_TYPE/);
  });

  it('lets exactly one of two simultaneous submissions start a validation', async () => {
    const draft = await createPromotion(gql, { ...valid, name: 'Twice', expectedUplift: 20 });
    const submit = /* GraphQL */ `mutation($id: ID!) { submitPromotion(id: $id) { promotion { status } errors { code } } }`;
    const results = await Promise.all([gql(submit, { id: draft.id }), gql(submit, { id: draft.id }), gql(submit, { id: draft.id })]);
    const clean = results.filter((r) => !r.errors && r.data.submitPromotion.errors.length === 0);
    expect(clean).toHaveLength(1);
    expect(results.filter((r) => r !== clean[0]).every((r) => r.errors?.[0]?.extensions?.field === 'id' || r.data?.submitPromotion.errors[0]?.code === 'CONFLICT')).toBe(true);
    await waitFor(async () => (await gql(/* GraphQL */ `query($id: ID!) { promotion(id: $id) { status } }`, { id: draft.id })).data.promotion.status !== 'VALIDATING', 'validation');
    const found = await openExceptions(gql, draft.id);
    expect(new Set(found.map((e) => `${e.code}|${e.sku}|${e.locationId}`)).size).toBe(found.length);
  });

  it('stacks stackable promotions by priority and lets an exclusive one take the lines it saves most on', async () => {
    const [a, b] = await comfortableSkus(gql, 25, 2);
    const store = { channels: ['STORE'], locations: { scope: 'LIST', locationIds: ['LOC-S0001'] } };
    const tenPercent = await runningPromotion(hub, { ...store, name: 'Ten percent', type: 'PERCENT_OFF', percentOff: 10, priority: 1, targets: { skus: [a!.sku, b!.sku] } });
    const fiftyOff = await runningPromotion(hub, { ...store, name: 'Fifty off', type: 'AMOUNT_OFF', amountOff: 50, priority: 5, targets: { skus: [a!.sku] } });
    const twoForOne = await runningPromotion(hub, { ...store, name: 'Two for one', type: 'BUY_X_GET_Y', buyQuantity: 1, getQuantity: 1, stacking: 'EXCLUSIVE', targets: { skus: [b!.sku] } });
    const cart = (await gql(PRICE_CART, { input: { channel: 'STORE', locationId: 'LOC-S0001', lines: [{ sku: a!.sku, quantity: 1 }, { sku: b!.sku, quantity: 2 }] } })).data.priceCart;
    // a: 50 off first (priority 5), then 10% of what is left, rounded half up.
    expect(cart.lines[0].adjustments.map((x: any) => [x.promotionId, x.amount.centAmount])).toEqual([[fiftyOff.id, 50], [tenPercent.id, percentOff(a!.store - 50, 10)]]);
    // b: one of two free saves more than 10% of both: the exclusive deal takes the line alone.
    expect(cart.lines[1].adjustments.map((x: any) => [x.promotionId, x.amount.centAmount])).toEqual([[twoForOne.id, b!.store]]);
    expect(cart.discountTotal.centAmount).toBe(50 + percentOff(a!.store - 50, 10) + b!.store);
    // The shelf shows the unit-price deals only; the basket deal is listed among the active promotions.
    const shelf = (await gql(/* GraphQL */ `query($a: ID!, $b: ID!) { a: product(sku: $a) { price(channel: STORE, locationId: "LOC-S0001") { amount { centAmount } onPromotion } }
      b: product(sku: $b) { price(channel: STORE, locationId: "LOC-S0001") { amount { centAmount } } activePromotions(channel: STORE, locationId: "LOC-S0001") { id type stacking } } }`, { a: a!.sku, b: b!.sku })).data;
    expect(shelf.a.price).toEqual({ amount: { centAmount: a!.store - 50 - percentOff(a!.store - 50, 10) }, onPromotion: true });
    expect(shelf.b.price.amount.centAmount).toBe(b!.store - percentOff(b!.store, 10));
    expect(shelf.b.activePromotions.map((p: any) => p.id).sort()).toEqual([tenPercent.id, twoForOne.id].sort());
    // Elsewhere (another store, online) none of them runs.
    const web = (await gql(PRICE_CART, { input: { channel: 'ECOMMERCE', lines: [{ sku: a!.sku, quantity: 1 }] } })).data.priceCart;
    expect(web.discountTotal.centAmount).toBe(0);
  }, 120_000);
});
