// Inventory answers supplier.purchase_order.*.v1 by reading the positions from the ERP: on-hand and inbound move once, whoever sees the change first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertEventData, createEnvelope, execute, TEST_DIALECTS } from '@retail-hub/platform';
import type { PurchaseOrderRecord } from '@retail-hub/erp';
import { outboxEvents, startInventory, type InventoryHarness } from './inventory-harness.js';

const LEVEL = /* GraphQL */ `query($sku: ID!, $loc: ID!) { stockLevels(filter: { skus: [$sku], locationIds: [$loc] }) { nodes { onHand inbound } } }`;
const SKU = 'SKU-000031';
const LOCATION = 'LOC-S0001';

/** What the supplier subgraph emits after the ERP booked a step of one of its orders. */
function purchaseOrderEvent(type: 'sent' | 'received' | 'cancelled', record: PurchaseOrderRecord, extra: Record<string, unknown>) {
  const data = {
    purchaseOrderId: record.id,
    supplierId: record.supplierId,
    locationId: record.locationId,
    status: type === 'sent' ? 'SENT' : type === 'received' ? (record.status === 'RECEIVED' ? 'RECEIVED' : 'PARTIALLY_RECEIVED') : 'CANCELLED',
    previousStatus: 'APPROVED',
    expectedDate: record.expectedDate,
    currency: record.currency,
    totalCentAmount: record.lines.reduce((a, l) => a + l.quantity * l.unitCostCentAmount, 0),
    lines: record.lines.map((l, i) => ({ lineNo: i + 1, sku: l.sku, quantity: l.quantity, unitCostCentAmount: l.unitCostCentAmount, confirmedQuantity: null, confirmedDate: null, shippedQuantity: 0, receivedQuantity: l.receivedQuantity })),
    occurredAt: new Date().toISOString(),
    ...extra,
  };
  const eventType = `supplier.purchase_order.${type}.v1`;
  assertEventData(eventType, data);
  return { type: eventType, subject: record.id, data };
}

describe.each(TEST_DIALECTS)('purchase-order stock moves in inventory on %s', (dialect) => {
  let h: InventoryHarness;
  const level = async () => (await execute(h.subgraph, LEVEL, { sku: SKU, loc: LOCATION })).data.stockLevels.nodes[0] as { onHand: number; inbound: number };
  const publish = (event: ReturnType<typeof purchaseOrderEvent>) => h.deps.bus.publish([createEnvelope('supplier', event, h.deps.clock)]);
  const stockEvents = async () => (await outboxEvents(h.db)).filter((e) => e.subject === `${SKU}@${LOCATION}`).length;

  beforeAll(async () => {
    h = await startInventory(dialect);
  });
  afterAll(async () => h?.close());

  it('raises inbound when an order is sent, and on a receipt raises on-hand and lowers inbound, once', async () => {
    const start = await level();
    const purchasing = h.erp.erp.ports.purchasing;
    const [sent] = await purchasing.createPurchaseOrders([{ id: 'PO-INV-1', supplierId: 'SUP-0001', locationId: LOCATION, expectedDate: '2026-12-20', currency: 'USD', lines: [{ sku: SKU, quantity: 24, unitCostCentAmount: 500 }] }]);
    await publish(purchaseOrderEvent('sent', sent!, { erpDocumentNo: sent!.documentNo }));
    expect(await level()).toEqual({ onHand: start.onHand, inbound: start.inbound + 24 });

    const [received] = await purchasing.receivePurchaseOrders([{ receiptId: 'RCPT-INV-1', purchaseOrderId: 'PO-INV-1', lines: [{ sku: SKU, quantity: 10 }] }]);
    await publish(purchaseOrderEvent('received', received!, { receipt: { receiptId: 'RCPT-INV-1', lines: [{ sku: SKU, quantity: 10 }] } }));
    expect(await level()).toEqual({ onHand: start.onHand + 10, inbound: start.inbound + 14 });
    const events = await stockEvents();

    // The ERP sync reads the same change afterwards: nothing newer, nothing counted twice, no second event.
    await h.subgraph.sync.syncNow();
    expect(await level()).toEqual({ onHand: start.onHand + 10, inbound: start.inbound + 14 });
    expect(await stockEvents()).toBe(events);
  });

  it('counts a receipt once when the ERP sync sees it before the event arrives', async () => {
    const start = await level();
    const [received] = await h.erp.erp.ports.purchasing.receivePurchaseOrders([{ receiptId: 'RCPT-INV-2', purchaseOrderId: 'PO-INV-1', lines: [{ sku: SKU, quantity: 5 }] }]);
    await h.subgraph.sync.syncNow();
    expect(await level()).toEqual({ onHand: start.onHand + 5, inbound: start.inbound - 5 });
    const events = await stockEvents();
    await publish(purchaseOrderEvent('received', received!, { receipt: { receiptId: 'RCPT-INV-2', lines: [{ sku: SKU, quantity: 5 }] } }));
    expect(await level()).toEqual({ onHand: start.onHand + 5, inbound: start.inbound - 5 });
    expect(await stockEvents()).toBe(events);
  });

  it('lowers inbound by what will not come when an order is cancelled', async () => {
    const start = await level();
    const [cancelled] = await h.erp.erp.ports.purchasing.cancelPurchaseOrders(['PO-INV-1']);
    await publish(purchaseOrderEvent('cancelled', cancelled!, { reason: 'test' }));
    // 24 ordered, 15 received: 9 were still inbound.
    expect(await level()).toEqual({ onHand: start.onHand, inbound: start.inbound - 9 });
  });
});
