// Promotions when things go wrong, through the gateway on SQLite and PostgreSQL: a channel refusing deliveries, a dead endpoint,
// a cancellation while live, the hub killed mid-validation and at go-live, the ERP down while checking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, TEST_DIALECTS, type WebhookTestReceiver } from '@retail-hub/platform';
import { startOrdersHub, type OrdersHub } from './support/orders-hub.js';
import { comfortableSkus, createPromotion, hubNow, openExceptions, plusDays, PRICE_CART, resolveAll, runningPromotion, schedule, setClock, submitAndWait, waitFor } from './support/promotions-kit.js';

const STORE = 'LOC-S0001';

describe.each(TEST_DIALECTS)('promotions under failure on %s', (dialect) => {
  let hub: OrdersHub;
  let receiver: WebhookTestReceiver;
  let skus: { sku: string; store: number }[];
  const gql = (q: string, v?: Record<string, unknown>) => hub.gql(q, v);
  const register = async (path: string, input: Record<string, unknown>) => {
    const r = await gql(/* GraphQL */ `mutation($i: RegisterWebhookInput!) { registerWebhook(input: $i) { webhook { id } secret } }`, { i: { url: `${receiver.baseUrl}${path}`, ...input } });
    receiver.secrets.set(path, r.data.registerWebhook.secret);
    return r.data.registerWebhook.webhook.id as string;
  };
  const deliveries = async (webhookId: string) =>
    (await gql(/* GraphQL */ `query($f: WebhookDeliveryFilter) { webhookDeliveries(filter: $f, first: 50) { nodes { id status attempts log { attempt statusCode outcome } } } }`, { f: { webhookId } })).data.webhookDeliveries.nodes;
  const status = async (id: string) => (await gql(/* GraphQL */ `query($id: ID!) { promotion(id: $id) { status statusReason } }`, { id })).data.promotion;

  beforeAll(async () => {
    hub = await startOrdersHub(dialect, { skus: 120, stores: 6, timeoutMs: 120_000 });
    receiver = await startWebhookReceiver();
    skus = await comfortableSkus(gql, 20, 6);
  }, 180_000);
  afterAll(async () => {
    await receiver?.close();
    await hub?.dispose();
  });

  it('retries a refused delivery with backoff on the hub clock, then dead-letters and replays it with the same webhook-id; a cancellation reverts', async () => {
    const flaky = await register('/flaky', { audience: 'STORE', locationId: STORE });
    const down = await register('/down', { audience: 'STORE', locationId: STORE });
    receiver.respond = (d, attempt) => (d.path === '/flaky' && attempt <= 2) || d.path === '/down' ? 503 : 204;
    const promotion = await runningPromotion(hub, { name: 'Flaky', type: 'PERCENT_OFF', percentOff: 10, targets: { skus: [skus[0]!.sku] }, channels: ['STORE'], locations: { scope: 'LIST', locationIds: [STORE] } }, 30);
    await waitFor(async () => (await deliveries(flaky))[0]?.attempts === 1, 'the first attempt');
    // Retries come due on the hub clock (5 s, then 30 s, with 10% jitter): nothing is sent before.
    await setClock(hub, { advanceMs: 6_000 });
    await waitFor(async () => (await deliveries(flaky))[0]?.attempts === 2, 'the second attempt');
    await setClock(hub, { advanceMs: 34_000 });
    const [delivered] = await waitFor(async () => ((await deliveries(flaky))[0]?.status === 'DELIVERED' ? deliveries(flaky) : null), 'the third attempt');
    expect(delivered.log.map((a: any) => [a.attempt, a.statusCode, a.outcome])).toEqual([[1, 503, 'FAILED'], [2, 503, 'FAILED'], [3, 204, 'DELIVERED']]);
    expect(new Set(receiver.all.filter((d) => d.path === '/flaky').map((d) => d.id))).toEqual(new Set([delivered.id]));

    // /down never answers 2xx: eight attempts over about nine hours of backoff, then a dead letter.
    for (let round = 0; round < 10 && (await deliveries(down))[0]?.status !== 'DEAD'; round++) {
      const made = (await deliveries(down))[0]?.attempts ?? 0;
      await setClock(hub, { advanceMs: 7 * 3_600_000 });
      await waitFor(async () => ((await deliveries(down))[0]?.attempts ?? 0) > made, `attempt ${made + 1} to /down`);
    }
    const [dead] = await waitFor(async () => ((await deliveries(down))[0]?.status === 'DEAD' ? deliveries(down) : null), 'a dead letter');
    expect(dead.attempts).toBe(8);
    receiver.respond = () => 204;
    expect((await gql(/* GraphQL */ `mutation($id: ID!) { replayWebhookDeliveries(input: { webhookId: $id }) }`, { id: down })).data.replayWebhookDeliveries).toBe(1);
    await waitFor(async () => receiver.received.some((d) => d.path === '/down'), 'the replayed delivery');
    expect(receiver.received.filter((d) => d.path === '/down').map((d) => [d.id, d.verified])).toEqual([[dead.id, true]]);

    // Cancelled while live: its stores are told to revert, and the cart is back to the list price.
    const before = (await gql(PRICE_CART, { input: { channel: 'STORE', locationId: STORE, lines: [{ sku: skus[0]!.sku, quantity: 1 }] } })).data.priceCart;
    expect(before.discountTotal.centAmount).toBeGreaterThan(0);
    const cancelled = await gql(/* GraphQL */ `mutation($id: ID!) { cancelPromotion(id: $id, reason: "supplier recall") { promotion { status statusReason } errors { code } } }`, { id: promotion.id });
    expect(cancelled.data.cancelPromotion).toEqual({ promotion: { status: 'CANCELLED', statusReason: 'supplier recall' }, errors: [] });
    const batch = await waitFor(async () => receiver.received.filter((d) => d.path === '/flaky').map((d) => JSON.parse(d.body)).find((events) => events[0].type === 'pricing.promotion.cancelled.v1'), 'the cancellation batch');
    expect(batch[0].data).toMatchObject({ promotionId: promotion.id, previousStatus: 'LIVE', revertedLocationIds: [STORE], reason: 'supplier recall' });
    expect(batch.slice(1).map((e: any) => [e.data.sku, e.data.cause, e.data.current.centAmount])).toEqual([[skus[0]!.sku, 'PROMOTION_CANCELLED', before.subtotal.centAmount]]);
    expect((await gql(PRICE_CART, { input: { channel: 'STORE', locationId: STORE, lines: [{ sku: skus[0]!.sku, quantity: 1 }] } })).data.priceCart.discountTotal.centAmount).toBe(0);
    const again = await gql(/* GraphQL */ `mutation($id: ID!) { cancelPromotion(id: $id, reason: "twice") { promotion { status } } }`, { id: promotion.id });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  }, 180_000);

  it('finishes a validation whose process was killed mid-way, without writing anything twice', async () => {
    await hub.restart({ env: { HUB_TEST_PAUSE_SAGA_AT: 'check-margin' } });
    const created = await createPromotion(gql, { name: 'Interrupted', type: 'PERCENT_OFF', percentOff: 60, targets: { skus: skus.map((s) => s.sku).concat(['SKU-000001', 'SKU-000002', 'SKU-000003']) }, channels: ['STORE', 'ECOMMERCE'], startsAt: `${plusDays((await hubNow(hub)).toISOString().slice(0, 10), 4)}T00:00`, endsAt: `${plusDays((await hubNow(hub)).toISOString().slice(0, 10), 6)}T00:00`, expectedUplift: 3 });
    await gql(/* GraphQL */ `mutation($id: ID!) { submitPromotion(id: $id) { errors { code } } }`, { id: created.id });
    // The live run stops for good after check-margin: the margin exceptions are written, the stock ones are not.
    await waitFor(async () => (await openExceptions(gql, created.id)).some((e) => e.code === 'MARGIN_BREACH'), 'the margin check');
    expect((await status(created.id)).status).toBe('VALIDATING');
    await hub.restart({ signal: 'SIGKILL', env: { HUB_TEST_PAUSE_SAGA_AT: '' } });
    // Recovery takes the saga over once its lease has run out on the hub clock.
    await setClock(hub, { advanceMs: 200_000 });
    await waitFor(async () => (await status(created.id)).status !== 'VALIDATING', 'the recovered validation', 60_000);
    const found = await openExceptions(gql, created.id);
    expect(found.some((e) => e.code === 'MARGIN_BREACH')).toBe(true);
    expect(new Set(found.map((e) => `${e.code}|${e.sku}|${e.locationId}|${e.channel}`)).size).toBe(found.length);
  }, 240_000);

  it('publishes a go-live interrupted by a killed process after the restart: every store gets its batch, once per webhook-id', async () => {
    const stores: string[] = (await gql(/* GraphQL */ `{ locations(filter: { type: STORE }) { nodes { id } } }`)).data.locations.nodes.map((l: any) => l.id);
    for (const store of stores) await register(`/k/${store}`, { audience: 'STORE', locationId: store });
    const today = (await hubNow(hub)).toISOString().slice(0, 10);
    const created = await createPromotion(gql, { name: 'Killed at midnight', type: 'AMOUNT_OFF', amountOff: 10, targets: { skus: skus.slice(1).map((s) => s.sku) }, channels: ['STORE'], startsAt: `${plusDays(today, 2)}T00:00`, endsAt: `${plusDays(today, 4)}T00:00`, expectedUplift: 1 });
    await submitAndWait(gql, created.id);
    await resolveAll(gql, created.id);
    await schedule(gql, created.id);
    const goLive = `${plusDays(today, 2)}T12:00:00.000Z`;
    await setClock(hub, { set: goLive });
    await hub.restart({ signal: 'SIGKILL' });
    // A restarted hub's clock starts from real time: move it again.
    await setClock(hub, { set: goLive });
    const mine = (store: string) => receiver.received.filter((d) => d.path === `/k/${store}` && JSON.parse(d.body)[0].data.promotionId === created.id);
    await waitFor(async () => stores.every((s) => mine(s).length >= 1), 'every store\'s batch after the restart');
    for (const store of stores) expect(new Set(mine(store).map((d) => d.id)).size).toBe(1);
    expect((await status(created.id)).status).toBe('LIVE');
  }, 180_000);

  it('validates from its own views of the catalog, stock and history while the ERP is down', async () => {
    await hub.erpFaults('outage');
    try {
      const today = (await hubNow(hub)).toISOString().slice(0, 10);
      const created = await createPromotion(gql, { name: 'ERP down', type: 'PERCENT_OFF', percentOff: 15, targets: { skus: skus.map((s) => s.sku) }, channels: ['ECOMMERCE'], startsAt: `${plusDays(today, 5)}T00:00`, endsAt: `${plusDays(today, 6)}T00:00`, expectedUplift: 2 });
      expect((await submitAndWait(gql, created.id)).status).toMatch(/^(READY|BLOCKED)$/);
    } finally {
      await hub.erpFaults('none');
    }
  }, 120_000);
});
