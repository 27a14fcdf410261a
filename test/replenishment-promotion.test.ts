// Replenishment through the running hub, as a planner, a supplier and a warehouse meet it: a scheduled promotion runs replenishment
// by itself, its orders arrive before the start (or the run says why not), and the supplier confirms while the warehouse receives.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHubProcess, type HubProcess } from './support/hub-process.js';
import { bearer, createKey, post } from './support/security-kit.js';
import { within } from '@retail-hub/platform/testing/within';

const LOCATIONS = ['LOC-S0001', 'LOC-S0002'];

/** YYYY-MM-DD `days` from today (UTC). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('replenishment through the gateway', () => {
  let hub: HubProcess;
  let quick: string[];
  let slow: string;
  let firstDay: string;
  let orderId: string;
  let orderSku: string;
  let orderLocation: string;
  let supplierId: string;
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await hub.graphql(query, variables);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data;
  };
  const stock = (sku: string, locationId: string) => gql(/* GraphQL */ `query($sku: ID!, $loc: ID!) { product(sku: $sku) { stock(locationId: $loc) { onHand inbound } } }`, { sku, loc: locationId }).then((d) => d.product.stock as { onHand: number; inbound: number });

  beforeAll(async () => {
    hub = await startHubProcess({ env: { HUB_ERP_SYNC_INTERVAL_MS: '300' } });
    // Products on promotion: a few whose primary supplier delivers within 4 days, one that takes 8 days or more,
    // among those that sell at both stores (a planner would pick them so; a line that never sells there needs nothing).
    const products = (await gql(/* GraphQL */ `{ products(first: 200) { nodes { sku promotable primarySupplier { leadTimeDays } } } }`)).products.nodes as any[];
    const eligible = products.filter((p) => p.promotable && p.primarySupplier);
    const candidates = [...eligible.filter((p) => p.primarySupplier.leadTimeDays <= 4).slice(0, 30), ...eligible.filter((p) => p.primarySupplier.leadTimeDays >= 8).slice(0, 10)].map((p) => p.sku);
    // Empty shelves, so every position that sells needs an order.
    for (const sku of candidates) {
      for (const locationId of LOCATIONS) {
        const { onHand } = await stock(sku, locationId);
        if (onHand > 0) await gql(/* GraphQL */ `mutation($input: AdjustStockInput!) { adjustStock(input: $input) { errors { code } } }`, { input: { sku, locationId, delta: -onHand, reason: 'COUNT' } });
      }
    }
    const selling = await vi.waitFor(
      () => gql(/* GraphQL */ `mutation($scope: ReplenishmentScopeInput) { runReplenishment(scope: $scope) { run { proposals(first: 200) { nodes { product { sku } leadTimeDays quantity } } } } }`, { scope: { skus: candidates, locationIds: LOCATIONS } }),
      within(60_000, 250),
    );
    const ordered = new Map<string, { lead: number; count: number }>();
    for (const p of selling!.runReplenishment.run.proposals.nodes) ordered.set(p.product.sku, { lead: p.leadTimeDays, count: (ordered.get(p.product.sku)?.count ?? 0) + 1 });
    const atBoth = [...ordered].filter(([, o]) => o.count === LOCATIONS.length);
    quick = atBoth.filter(([, o]) => o.lead <= 4).slice(0, 3).map(([s]) => s);
    slow = atBoth.find(([, o]) => o.lead >= 8)![0];
    expect(quick.length).toBeGreaterThanOrEqual(2);
  }, 300_000);
  afterAll(async () => hub?.dispose());

  it('runs replenishment for a scheduled promotion: orders that land before it starts, or LEAD_TIME_MISSES_PROMOTION', async () => {
    firstDay = day(6);
    const created = await gql(
      /* GraphQL */ `mutation($input: CreatePromotionInput!) { createPromotion(input: $input) { promotion { id status } errors { code field message } } }`,
      { input: { name: 'Weekend lift', type: 'PERCENT_OFF', percentOff: 20, targets: { skus: [...quick, slow] }, channels: ['STORE'], locations: { scope: 'LIST', locationIds: LOCATIONS }, startsAt: `${firstDay}T00:00`, endsAt: `${day(8)}T00:00`, expectedUplift: 3 } },
    );
    expect(created.createPromotion.errors).toEqual([]);
    const id = created.createPromotion.promotion.id;
    await gql(/* GraphQL */ `mutation($id: ID!) { submitPromotion(id: $id) { errors { code message } } }`, { id });
    const checked = await vi.waitFor(async () => {
      const d = await gql(/* GraphQL */ `query($id: ID!) { promotion(id: $id) { status exceptions(first: 100) { nodes { id code } } } }`, { id });
      expect(['READY', 'BLOCKED'], 'the checked promotion\'s status').toContain(d.promotion.status);
      return d;
    }, within(60_000, 250));
    // Whatever the checks found (thin stock against the uplift, a supplier's lead time), the merchandiser accepts it.
    for (const exception of checked.promotion.exceptions.nodes) {
      await gql(/* GraphQL */ `mutation($id: ID!) { resolvePromotionException(id: $id, resolution: ACCEPT, reason: "planned with replenishment") { __typename } }`, { id: exception.id });
    }
    await vi.waitFor(async () => expect((await gql(/* GraphQL */ `query($id: ID!) { promotion(id: $id) { status } }`, { id })).promotion.status).toBe('READY'), within(60_000, 250));
    const scheduled = await gql(/* GraphQL */ `mutation($id: ID!) { schedulePromotion(id: $id) { promotion { status } errors { code message } } }`, { id });
    expect(scheduled.schedulePromotion).toEqual({ promotion: { status: 'SCHEDULED' }, errors: [] });

    // Replenishment hears of it and plans its SKUs and stores by itself.
    const runs = await vi.waitFor(async () => {
      const d = await gql(/* GraphQL */ `query($id: ID!) { replenishmentRuns(filter: { trigger: PROMOTION, promotionId: $id }) { nodes { id status scope { skus locationIds } } } }`, { id });
      expect(d.replenishmentRuns.nodes[0]?.status, 'the promotion\'s replenishment run').toBe('COMPLETED');
      return d;
    }, within(60_000, 250));
    const run = runs.replenishmentRuns.nodes[0];
    expect(new Set(run.scope.skus)).toEqual(new Set([...quick, slow]));
    const { replenishmentRun } = await gql(
      /* GraphQL */ `query($id: ID!) { replenishmentRun(id: $id) { proposals(first: 200) { nodes { id product { sku } location { id } supplier { id } leadTimeDays promotionUplift promotionId horizonDemand quantity expectedArrival exceptions } }
        exceptions(filter: { code: LEAD_TIME_MISSES_PROMOTION }) { nodes { product { sku } location { id } message } } } }`,
      { id: run.id },
    );
    const proposals = replenishmentRun.proposals.nodes as any[];
    for (const sku of quick) {
      const mine = proposals.filter((p) => p.product.sku === sku);
      expect(mine.map((p) => p.location.id).sort(), sku).toEqual(LOCATIONS);
      for (const p of mine) {
        expect(p.promotionId).toBe(id);
        expect(p.promotionUplift).toBeGreaterThan(0);
        expect(p.quantity).toBeGreaterThan(0);
        expect(p.expectedArrival < firstDay).toBe(true);
        expect(p.exceptions).not.toContain('LEAD_TIME_MISSES_PROMOTION');
      }
    }
    const late = proposals.filter((p) => p.product.sku === slow);
    expect(late.every((p) => p.exceptions.includes('LEAD_TIME_MISSES_PROMOTION') && p.expectedArrival >= firstDay)).toBe(true);
    expect(replenishmentRun.exceptions.nodes.map((e: any) => `${e.product.sku}@${e.location.id}`).sort()).toEqual(LOCATIONS.map((l) => `${slow}@${l}`).sort());

    // The planner approves the ones that arrive in time: purchase orders, sent, due before the promotion.
    const inTime = proposals.filter((p) => quick.includes(p.product.sku));
    const approved = await gql(/* GraphQL */ `mutation($ids: [ID!]!) { approveProposals(ids: $ids) { purchaseOrders { id status expectedDate supplier { id } location { id } lines { product { sku } quantity } } errors { code } } }`, { ids: inTime.map((p) => p.id) });
    expect(approved.approveProposals.errors).toEqual([]);
    const orders = approved.approveProposals.purchaseOrders as any[];
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((o) => o.status === 'SENT' && o.expectedDate < firstDay)).toBe(true);
    // One order per supplier, destination and delivery date, together holding every approved unit.
    expect(new Set(orders.map((o) => `${o.supplier.id}|${o.location.id}|${o.expectedDate}`)).size).toBe(orders.length);
    expect(orders.flatMap((o) => o.lines).reduce((a: number, l: any) => a + l.quantity, 0)).toBe(inTime.reduce((a, p) => a + p.quantity, 0));
    orderId = orders[0].id;
    orderSku = orders[0].lines[0].product.sku;
    orderLocation = orders[0].location.id;
    supplierId = orders[0].supplier.id;
  }, 180_000);

  it('lets the supplier confirm short with its own key, and the warehouse receive in two steps: stock rises, inbound falls', async () => {
    const line = (await gql(/* GraphQL */ `query($id: ID!) { purchaseOrder(id: $id) { lines { product { sku } quantity } } }`, { id: orderId })).purchaseOrder.lines.find((l: any) => l.product.sku === orderSku);
    const ordered = line.quantity as number;
    const before = await vi.waitFor(async () => {
      const s = await stock(orderSku, orderLocation);
      expect(s.inbound, 'inbound once the purchase order is sent').toBeGreaterThanOrEqual(ordered);
      return s;
    }, within(60_000, 250));

    const key = await createKey(hub, ['--name', 'Supplier portal', '--scopes', 'supplier:read,purchasing:confirm', '--partner', `supplier:${supplierId}`]);
    const asSupplier = async (query: string, variables: Record<string, unknown>) => (await post(hub, { query, variables }, bearer(key.key))).body;
    const confirmed = Math.max(1, Math.floor(ordered / 2));
    const confirm = await asSupplier(/* GraphQL */ `mutation($input: ConfirmPurchaseOrderInput!) { confirmPurchaseOrder(input: $input) { purchaseOrder { status lines { product { sku } confirmedQuantity } } } }`, {
      input: { purchaseOrderId: orderId, lines: [{ sku: orderSku, quantity: confirmed }] },
    });
    expect(confirm.errors).toBeUndefined();
    expect(confirm.data.confirmPurchaseOrder.purchaseOrder.status).toBe('PARTIALLY_CONFIRMED');
    // Another supplier's key finds no such order, and cannot confirm it.
    const others = (await gql(/* GraphQL */ `{ suppliers(first: 50) { nodes { id } } }`)).suppliers.nodes.map((s: any) => s.id).filter((s: string) => s !== supplierId);
    const otherKey = await createKey(hub, ['--name', 'Someone else', '--scopes', 'supplier:read,purchasing:confirm', '--partner', `supplier:${others[0]}`]);
    const probe = (await post(hub, { query: /* GraphQL */ `mutation($input: ConfirmPurchaseOrderInput!) { confirmPurchaseOrder(input: $input) { purchaseOrder { id } } }`, variables: { input: { purchaseOrderId: orderId } } }, bearer(otherKey.key))).body;
    expect(probe.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // A supplier receives nothing: that is the warehouse's.
    const notTheirs = await asSupplier(/* GraphQL */ `mutation($input: ReceivePurchaseOrderInput!) { receivePurchaseOrder(input: $input) { purchaseOrder { id } } }`, { input: { purchaseOrderId: orderId, lines: [{ sku: orderSku, quantity: 1 }] } });
    expect(notTheirs.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHORIZED_FIELD_OR_TYPE/);

    const receive = (quantity: number, receiptId: string) =>
      gql(/* GraphQL */ `mutation($input: ReceivePurchaseOrderInput!) { receivePurchaseOrder(input: $input) { purchaseOrder { status lines { product { sku } receivedQuantity outstandingQuantity } } } }`, {
        input: { purchaseOrderId: orderId, receiptId, lines: [{ sku: orderSku, quantity }] },
      });
    const firstPart = Math.ceil(confirmed / 2);
    await receive(firstPart, 'RCPT-E2E-1');
    await vi.waitFor(async () => expect(await stock(orderSku, orderLocation)).toMatchObject({ onHand: before.onHand + firstPart, inbound: before.inbound - firstPart }), within(30_000, 250));
    const last = await receive(confirmed - firstPart, 'RCPT-E2E-2');
    // Everything confirmed arrived; the unconfirmed rest is no longer inbound either.
    expect(last.receivePurchaseOrder.purchaseOrder.status).toBe(orders1Line(last) ? 'RECEIVED' : 'PARTIALLY_RECEIVED');
    await vi.waitFor(async () => expect(await stock(orderSku, orderLocation)).toMatchObject({ onHand: before.onHand + confirmed, inbound: before.inbound - (orders1Line(last) ? ordered : confirmed) }), within(30_000, 250));
  }, 180_000);
});

/** An order with one line is RECEIVED once that line's confirmed units are in; with more lines, the others are still open. */
function orders1Line(result: any): boolean {
  return result.receivePurchaseOrder.purchaseOrder.lines.length === 1;
}
