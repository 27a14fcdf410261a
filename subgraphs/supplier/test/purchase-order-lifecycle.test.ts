// Purchase orders the hub raises, against the real embedded ERP on SQLite and PostgreSQL: approval, sending, confirmation, ship notice, receipts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, execute, startWebhookReceiver, TEST_DIALECTS, testSubgraphDeps, type Claims, type EventEnvelope, type TestStore, type WebhookTestReceiver } from '@retail-hub/platform';
import { openTestErp, type TestErp } from '@retail-hub/erp';
import { createSupplierSubgraph, type SupplierSubgraph } from '../src/server.js';
import { readErpPurchasing } from './erp-purchasing.js';
import { dayAfter, publishStockChanged, setSalesHistoryInErp, setSupplierTermsInErp, until } from './replenishment-fixture.js';

const BUYER: Claims = { sub: 'buyer', kind: 'key', scopes: ['purchasing:write'] };
const WAREHOUSE: Claims = { sub: 'warehouse', kind: 'key', scopes: ['purchasing:write'] };
const partner = (supplierId: string): Claims => ({ sub: `key-${supplierId}`, kind: 'key', scopes: ['purchasing:confirm', 'supplier:read'], partner: { type: 'supplier', id: supplierId } });

const ORDER = /* GraphQL */ `id status expectedDate requestedDate managedByHub sentAt confirmedAt cancelReason supplier { id } location { id }
  lines { product { sku } quantity confirmedQuantity confirmedDate shippedQuantity receivedQuantity outstandingQuantity }
  shipNotices { id expectedDate carrier lines { product { sku } quantity } } receipts { receiptId lines { quantity } }`;
const CONFIRM = /* GraphQL */ `mutation($input: ConfirmPurchaseOrderInput!) { confirmPurchaseOrder(input: $input) { purchaseOrder { ${ORDER} } errors { code } } }`;
const RECEIVE = /* GraphQL */ `mutation($input: ReceivePurchaseOrderInput!) { receivePurchaseOrder(input: $input) { purchaseOrder { ${ORDER} } errors { code } } }`;
const APPROVE = /* GraphQL */ `mutation($ids: [ID!]!) { approveProposals(ids: $ids) { purchaseOrders { ${ORDER} } errors { code field message } } }`;

describe.each(TEST_DIALECTS)('purchase-order lifecycle on %s', (dialect) => {
  let erp: TestErp;
  let store: TestStore;
  let subgraph: SupplierSubgraph;
  let deps: ReturnType<typeof testSubgraphDeps>;
  let receiver: WebhookTestReceiver;
  let sku = '';
  let supplierId = '';
  let otherSupplierId = '';
  const events: EventEnvelope[] = [];
  let orderId = '';

  /** Plans one location of the SKU from nothing in stock and returns its proposal ids. */
  const proposalsFor = async (locationIds: string[]): Promise<string[]> => {
    await publishStockChanged(deps.bus, deps.clock, locationIds.map((locationId) => ({ sku, locationId, onHand: 0 })));
    const result = await execute(subgraph, /* GraphQL */ `mutation($scope: ReplenishmentScopeInput) { runReplenishment(scope: $scope) { run { proposals { nodes { id quantity } } } } }`, { scope: { skus: [sku], locationIds } }, BUYER);
    expect(result.errors).toBeUndefined();
    return result.data.runReplenishment.run.proposals.nodes.map((p: { id: string }) => p.id);
  };
  const order = async (id: string, claims: Claims = BUYER) => (await execute(subgraph, /* GraphQL */ `query($id: ID!) { purchaseOrder(id: $id) { ${ORDER} } }`, { id }, claims)).data?.purchaseOrder;
  const erpPosition = async (locationId: string) => (await erp.ports.stockLedger.getPositions([{ sku, locationId }]))[0]!;
  /** Events are published by the outbox relay after commit: wait until everything written is out. */
  const published = () => subgraph.events.relay.flush();
  const erpOrder = async (id: string) => (await readErpPurchasing(erp)).orders.find((o) => o.id === id);

  beforeAll(async () => {
    erp = await openTestErp();
    const truth = await readErpPurchasing(erp);
    const onSeededOrders = new Set(truth.orders.flatMap((o) => o.lines.map((l) => l.sku)));
    const counts = new Map<string, number>();
    for (const i of truth.items) counts.set(i.sku, (counts.get(i.sku) ?? 0) + 1);
    const item = truth.items.find((i) => counts.get(i.sku) === 1 && !onSeededOrders.has(i.sku))!;
    sku = item.sku;
    supplierId = item.supplierId;
    otherSupplierId = truth.suppliers.find((s) => s.id !== supplierId)!.id;
    // 4 a day, lead 5, cases of 12, minimum 24: from an empty shelf a location needs 48 (4 cases).
    await setSalesHistoryInErp(erp, sku, () => 4);
    await setSupplierTermsInErp(erp, supplierId, sku, { packSize: 12, minOrderQty: 24, leadTimeDays: 5, weeklyCapacity: 100_000 });
    store = await createTestStore(dialect, 'po_lifecycle');
    deps = testSubgraphDeps(store.config);
    subgraph = await createSupplierSubgraph({ ...deps, erp: erp.ports, replenishment: { dailyRunAt: null, pollIntervalMs: 3_600_000 } });
    await subgraph.start();
    await subgraph.planning.load();
    await deps.bus.subscribe({ consumer: 'test-events', types: ['supplier.*'], ephemeral: true, handler: async ({ event }) => void events.push(event) });
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await receiver?.close();
    await subgraph?.stop();
    await store?.drop();
    await erp?.close();
  });

  it('approves proposals into an order the ERP and the supplier get (SENT), and approving again returns the same order', async () => {
    const registered = await execute(subgraph, /* GraphQL */ `mutation($input: RegisterSupplierWebhookInput!) { registerSupplierWebhook(input: $input) { webhook { id url supplier { id } } secret } }`, { input: { supplierId, url: `${receiver.baseUrl}/orders` } }, BUYER);
    expect(registered.errors).toBeUndefined();
    receiver.secrets.set('/orders', registered.data.registerSupplierWebhook.secret);

    const ids = await proposalsFor(['LOC-S0001']);
    const inboundBefore = (await erpPosition('LOC-S0001')).inbound;
    // Two buyers approve the same proposal at the same moment: it lands on one order.
    const [first, second] = await Promise.all([execute(subgraph, APPROVE, { ids }, BUYER), execute(subgraph, APPROVE, { ids }, BUYER)]);
    const orders = [...first.data.approveProposals.purchaseOrders, ...second.data.approveProposals.purchaseOrders];
    expect(new Set(orders.map((o: { id: string }) => o.id)).size).toBe(1);
    orderId = orders[0].id;
    const sent = await order(orderId);
    expect(sent).toMatchObject({ status: 'SENT', managedByHub: true, supplier: { id: supplierId }, location: { id: 'LOC-S0001' }, expectedDate: dayAfter(deps.clock, 5), requestedDate: dayAfter(deps.clock, 5) });
    expect(sent.lines).toEqual([{ product: { sku }, quantity: 48, confirmedQuantity: null, confirmedDate: null, shippedQuantity: 0, receivedQuantity: 0, outstandingQuantity: 48 }]);
    expect(await erpOrder(orderId)).toMatchObject({ status: 'OPEN', supplierId, locationId: 'LOC-S0001', lines: [{ sku, quantity: 48, receivedQuantity: 0 }] });
    expect((await erpPosition('LOC-S0001')).inbound).toBe(inboundBefore + 48);

    const again = await execute(subgraph, APPROVE, { ids }, BUYER);
    expect(again.data.approveProposals.purchaseOrders.map((o: { id: string }) => o.id)).toEqual([orderId]);
    // The supplier's endpoint got the order, signed.
    const [delivery] = await receiver.waitFor(1, (d) => d.path === '/orders');
    expect(delivery!.verified).toBe(true);
    expect(JSON.parse(delivery!.body)).toMatchObject({ type: 'supplier.purchase_order.sent.v1', subject: orderId, data: { purchaseOrderId: orderId, lines: [{ sku, quantity: 48 }] } });
    await published();
    expect(events.filter((e) => e.subject === orderId).map((e) => e.type)).toEqual(['supplier.purchase_order.created.v1', 'supplier.purchase_order.approved.v1', 'supplier.purchase_order.sent.v1']);
  });

  it('lets only the order\'s own supplier see and confirm it', async () => {
    expect(await order(orderId, partner(otherSupplierId))).toBeNull();
    const other = await execute(subgraph, CONFIRM, { input: { purchaseOrderId: orderId, lines: [{ sku, quantity: 12 }] } }, partner(otherSupplierId));
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.purchaseOrderId' });
    const receive = await execute(subgraph, RECEIVE, { input: { purchaseOrderId: orderId, lines: [{ sku, quantity: 1 }] } }, partner(supplierId));
    expect(receive.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const approve = await execute(subgraph, APPROVE, { ids: ['PRP-20260101-0000000000-1'] }, partner(supplierId));
    expect(approve.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await order(orderId)).status).toBe('SENT');
  });

  it('takes a partial confirmation with a new date and an advance ship notice from the supplier', async () => {
    const confirmed = await execute(subgraph, CONFIRM, { input: { purchaseOrderId: orderId, lines: [{ sku, quantity: 36, deliveryDate: dayAfter(deps.clock, 6) }] } }, partner(supplierId));
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data.confirmPurchaseOrder.purchaseOrder).toMatchObject({ status: 'PARTIALLY_CONFIRMED', expectedDate: dayAfter(deps.clock, 6), lines: [{ quantity: 48, confirmedQuantity: 36, confirmedDate: dayAfter(deps.clock, 6), outstandingQuantity: 36 }] });
    // The same confirmation again changes nothing and says nothing.
    await published();
    const count = events.length;
    await execute(subgraph, CONFIRM, { input: { purchaseOrderId: orderId, lines: [{ sku, quantity: 36, deliveryDate: dayAfter(deps.clock, 6) }] } }, partner(supplierId));
    await published();
    expect(events.length).toBe(count);

    const notice = await execute(subgraph, /* GraphQL */ `mutation($input: AdvanceShipNoticeInput!) { postAdvanceShipNotice(input: $input) { purchaseOrder { ${ORDER} } } }`, {
      input: { purchaseOrderId: orderId, shipNoticeId: 'ASN-1', expectedDeliveryDate: dayAfter(deps.clock, 6), carrier: 'DHL', lines: [{ sku, quantity: 20 }] },
    }, partner(supplierId));
    expect(notice.errors).toBeUndefined();
    expect(notice.data.postAdvanceShipNotice.purchaseOrder).toMatchObject({ lines: [{ shippedQuantity: 20 }], shipNotices: [{ id: 'ASN-1', expectedDate: dayAfter(deps.clock, 6), carrier: 'DHL', lines: [{ product: { sku }, quantity: 20 }] }] });
    const tooMany = await execute(subgraph, /* GraphQL */ `mutation($input: AdvanceShipNoticeInput!) { postAdvanceShipNotice(input: $input) { purchaseOrder { id } } }`, {
      input: { purchaseOrderId: orderId, expectedDeliveryDate: dayAfter(deps.clock, 6), lines: [{ sku, quantity: 17 }] },
    }, partner(supplierId));
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines.0.quantity' });
  });

  it('refuses a negative quantity and receiving more than ordered, naming the field, and books nothing', async () => {
    const before = await erpPosition('LOC-S0001');
    for (const [quantity, message] of [[-1, 'at least 1'], [0, 'at least 1'], [49, 'exceed the 48 ordered']] as const) {
      const result = await execute(subgraph, RECEIVE, { input: { purchaseOrderId: orderId, lines: [{ sku, quantity }] } }, WAREHOUSE);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines.0.quantity' });
      expect(result.errors?.[0]?.message).toContain(message);
    }
    const unknownSku = await execute(subgraph, RECEIVE, { input: { purchaseOrderId: orderId, lines: [{ sku: 'SKU-999999', quantity: 1 }] } }, WAREHOUSE);
    expect(unknownSku.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines.0.sku' });
    expect(await erpPosition('LOC-S0001')).toMatchObject({ onHand: before.onHand, inbound: before.inbound });
    expect((await order(orderId)).receipts).toEqual([]);
  });

  it('receives in two steps: on-hand rises and inbound falls in the ERP by what arrived, and the short confirmation closes the order', async () => {
    const start = await erpPosition('LOC-S0001');
    const first = await execute(subgraph, RECEIVE, { input: { purchaseOrderId: orderId, receiptId: 'RCPT-A', lines: [{ sku, quantity: 20 }] } }, WAREHOUSE);
    expect(first.data.receivePurchaseOrder.purchaseOrder).toMatchObject({ status: 'PARTIALLY_RECEIVED', lines: [{ receivedQuantity: 20, outstandingQuantity: 16 }] });
    expect(await erpPosition('LOC-S0001')).toMatchObject({ onHand: start.onHand + 20, inbound: start.inbound - 20 });
    // The same receipt sent again (a retry) is booked once.
    await execute(subgraph, RECEIVE, { input: { purchaseOrderId: orderId, receiptId: 'RCPT-A', lines: [{ sku, quantity: 20 }] } }, WAREHOUSE);
    expect(await erpPosition('LOC-S0001')).toMatchObject({ onHand: start.onHand + 20, inbound: start.inbound - 20 });

    const second = await execute(subgraph, RECEIVE, { input: { purchaseOrderId: orderId, receiptId: 'RCPT-B', lines: [{ sku, quantity: 16 }] } }, WAREHOUSE);
    expect(second.data.receivePurchaseOrder.purchaseOrder).toMatchObject({ status: 'RECEIVED', lines: [{ quantity: 48, confirmedQuantity: 36, receivedQuantity: 36, outstandingQuantity: 0 }], receipts: [{ receiptId: 'RCPT-A' }, { receiptId: 'RCPT-B' }] });
    // 36 arrived in all; the 12 the supplier did not confirm are no longer inbound (the ERP's remainder is closed).
    expect(await erpPosition('LOC-S0001')).toMatchObject({ onHand: start.onHand + 36, inbound: start.inbound - 48 });
    await published();
    expect(events.filter((e) => e.subject === orderId).map((e) => e.type).slice(3)).toEqual([
      'supplier.purchase_order.confirmed.v1',
      'supplier.purchase_order.shipped.v1',
      'supplier.purchase_order.received.v1',
      'supplier.purchase_order.received.v1',
    ]);
    // A run now sees the stock that arrived: on-hand 36, nothing inbound.
    const run = await execute(subgraph, /* GraphQL */ `mutation { runReplenishment(scope: { skus: ["${sku}"], locationIds: ["LOC-S0001"] }) { run { id proposalCount } } }`, {}, BUYER);
    expect(run.data.runReplenishment.run.proposalCount).toBe(0);
  });

  it('cancels what has not arrived, and will not confirm a cancelled order (field-named, nothing written)', async () => {
    const [id] = await proposalsFor(['LOC-S0002']);
    const approved = await execute(subgraph, APPROVE, { ids: [id] }, BUYER);
    const cancelledId = approved.data.approveProposals.purchaseOrders[0].id;
    const inbound = (await erpPosition('LOC-S0002')).inbound;
    const cancelled = await execute(subgraph, /* GraphQL */ `mutation($id: ID!) { cancelPurchaseOrder(id: $id, reason: "range change") { purchaseOrder { status cancelReason } } }`, { id: cancelledId }, BUYER);
    expect(cancelled.data.cancelPurchaseOrder.purchaseOrder).toEqual({ status: 'CANCELLED', cancelReason: 'range change' });
    expect((await erpOrder(cancelledId))?.status).toBe('CANCELLED');
    expect((await erpPosition('LOC-S0002')).inbound).toBe(inbound - 48);

    await published();
    const count = events.length;
    const confirm = await execute(subgraph, CONFIRM, { input: { purchaseOrderId: cancelledId } }, partner(supplierId));
    expect(confirm.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.purchaseOrderId' });
    expect(await order(cancelledId)).toMatchObject({ status: 'CANCELLED', confirmedAt: null, lines: [{ confirmedQuantity: null }] });
    await published();
    expect(events.length).toBe(count);
    const received = await execute(subgraph, /* GraphQL */ `mutation($id: ID!) { cancelPurchaseOrder(id: $id) { purchaseOrder { status } } }`, { id: orderId }, BUYER);
    expect(received.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('keeps an approved order waiting while the ERP is down and sends it once the ERP is back', async () => {
    const [id] = await proposalsFor(['LOC-S0003']);
    erp.faults.set({ outage: true });
    let waitingId = '';
    try {
      const approved = await execute(subgraph, APPROVE, { ids: [id] }, BUYER);
      expect(approved.errors).toBeUndefined();
      waitingId = approved.data.approveProposals.purchaseOrders[0].id;
      expect(approved.data.approveProposals.purchaseOrders[0].status).toBe('APPROVED');
      const receive = await execute(subgraph, RECEIVE, { input: { purchaseOrderId: waitingId, lines: [{ sku, quantity: 1 }] } }, WAREHOUSE);
      expect(receive.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.purchaseOrderId' });
    } finally {
      erp.faults.clear();
    }
    // The sender's retry and its breaker's probe are timed on the service clock.
    await until(async () => {
      deps.clock.advance(5_000);
      subgraph.sender.kick();
      return (await order(waitingId)).status === 'SENT';
    }, 20_000);
    expect(await erpOrder(waitingId)).toMatchObject({ status: 'OPEN', lines: [{ quantity: 48 }] });
  });
});
