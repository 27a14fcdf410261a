// The embedded reference ERP behaves like an ERP: idempotent postings, no negative stock, change feeds, hub ids only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestErp, type TestErp } from '../testing/test-erp.js';
import { ErpRejectedError, ErpUnavailableError } from '../ports/change-page.js';

describe('embedded reference ERP', () => {
  let t: TestErp;
  beforeAll(async () => {
    t = await openTestErp({ skus: 40, stores: 4 });
  });
  afterAll(async () => t?.close());

  it('speaks hub identifiers only through its ports', async () => {
    const items = (await t.erp.ports.itemMaster.itemChanges(null, 1000)).records;
    expect(items).toHaveLength(40);
    expect(items.every((i) => /^SKU-\d{6}$/.test(i.sku) && /^CAT-/.test(i.categoryId))).toBe(true);
    const locations = await t.erp.ports.stockLedger.getLocations();
    expect(locations.every((l) => /^LOC-/.test(l.id))).toBe(true);
    const erpCodes = await t.erp.db.selectFrom('item').select('item_no').limit(1).execute();
    expect(erpCodes[0]!.item_no).not.toMatch(/^SKU-/);
  });

  it('books a stock adjustment once however often it is posted, and feeds the change', async () => {
    const before = (await t.erp.ports.stockLedger.positionChanges(null, 100_000)).cursor;
    const [position] = await t.erp.ports.stockLedger.getPositions([{ sku: 'SKU-000001', locationId: 'LOC-S0001' }]);
    const adjustment = { adjustmentId: 'adj-1', sku: 'SKU-000001', locationId: 'LOC-S0001', delta: 5, reason: 'COUNT' as const };
    const [first] = await t.erp.ports.stockLedger.postAdjustments([adjustment]);
    const [again] = await t.erp.ports.stockLedger.postAdjustments([adjustment]);
    expect(first!.onHand).toBe(position!.onHand + 5);
    expect(again!.onHand).toBe(position!.onHand + 5);
    const changes = await t.erp.ports.stockLedger.positionChanges(before, 100);
    expect(changes.records).toEqual([expect.objectContaining({ sku: 'SKU-000001', locationId: 'LOC-S0001', onHand: position!.onHand + 5 })]);
  });

  it('refuses to take on-hand below zero and books nothing of a batch with one bad adjustment', async () => {
    const [position] = await t.erp.ports.stockLedger.getPositions([{ sku: 'SKU-000002', locationId: 'LOC-S0001' }]);
    await expect(
      t.erp.ports.stockLedger.postAdjustments([
        { adjustmentId: 'ok-part', sku: 'SKU-000002', locationId: 'LOC-S0001', delta: 1, reason: 'COUNT' },
        { adjustmentId: 'bad-part', sku: 'SKU-000002', locationId: 'LOC-S0001', delta: -(position!.onHand + 100), reason: 'DAMAGE' },
      ]),
    ).rejects.toThrow(ErpRejectedError);
    const [after] = await t.erp.ports.stockLedger.getPositions([{ sku: 'SKU-000002', locationId: 'LOC-S0001' }]);
    expect(after!.onHand).toBe(position!.onHand);
  });

  it('books each sales posting id once; a replay says it was a duplicate', async () => {
    const posting = {
      postingId: 'post-1',
      kind: 'INVOICE' as const,
      orderId: 'ORD-1',
      channel: 'ECOMMERCE' as const,
      locationId: 'LOC-E01',
      lines: [{ sku: 'SKU-000003', quantity: 2, netCentAmount: 598 }],
      totalCentAmount: 598,
      currency: 'USD',
      occurredAt: new Date().toISOString(),
    };
    const [first] = await t.erp.ports.salesFinance.postDocuments([posting]);
    const [replay] = await t.erp.ports.salesFinance.postDocuments([posting]);
    expect(first).toMatchObject({ duplicate: false });
    expect(replay).toMatchObject({ duplicate: true, documentNo: first!.documentNo });
    const rows = await t.erp.db.selectFrom('ledger_document').selectAll().where('posting_id', '=', 'post-1').execute();
    expect(rows).toHaveLength(1);
    await expect(t.erp.ports.salesFinance.postDocuments([{ ...posting, postingId: 'post-2', lines: [{ sku: 'SKU-NOPE', quantity: 1, netCentAmount: 1 }] }])).rejects.toThrow(/SKU-NOPE/);
  });

  it('moves inbound and on-hand through a purchase order: created once, received in parts, never over', async () => {
    const key = { sku: 'SKU-000004', locationId: 'LOC-D01' };
    const [start] = await t.erp.ports.stockLedger.getPositions([key]);
    const draft = { id: 'PO-T1', supplierId: 'SUP-0001', locationId: 'LOC-D01', expectedDate: '2030-01-01', currency: 'USD', lines: [{ sku: 'SKU-000004', quantity: 24, unitCostCentAmount: 100 }] };
    await t.erp.ports.purchasing.createPurchaseOrders([draft]);
    await t.erp.ports.purchasing.createPurchaseOrders([draft]);
    const [ordered] = await t.erp.ports.stockLedger.getPositions([key]);
    expect(ordered!.inbound).toBe(start!.inbound + 24);
    const [partial] = await t.erp.ports.purchasing.receivePurchaseOrders([{ receiptId: 'R1', purchaseOrderId: 'PO-T1', lines: [{ sku: 'SKU-000004', quantity: 10 }] }]);
    expect(partial!.status).toBe('PARTIALLY_RECEIVED');
    await t.erp.ports.purchasing.receivePurchaseOrders([{ receiptId: 'R1', purchaseOrderId: 'PO-T1', lines: [{ sku: 'SKU-000004', quantity: 10 }] }]);
    const [received] = await t.erp.ports.stockLedger.getPositions([key]);
    expect(received).toMatchObject({ onHand: start!.onHand + 10, inbound: start!.inbound + 14 });
    await expect(t.erp.ports.purchasing.receivePurchaseOrders([{ receiptId: 'R2', purchaseOrderId: 'PO-T1', lines: [{ sku: 'SKU-000004', quantity: 15 }] }])).rejects.toThrow(/exceed/);
    const [cancelled] = await t.erp.ports.purchasing.cancelPurchaseOrders(['PO-T1']);
    expect(cancelled!.status).toBe('CANCELLED');
    const [end] = await t.erp.ports.stockLedger.getPositions([key]);
    expect(end).toMatchObject({ onHand: start!.onHand + 10, inbound: start!.inbound });
  });

  it('fails every call through the fault switch during an outage, and recovers when it ends', async () => {
    t.faults.set({ outage: true });
    await expect(t.ports.itemMaster.getItems(['SKU-000001'])).rejects.toThrow(ErpUnavailableError);
    t.faults.set({ outage: false, errorRate: 1 });
    await expect(t.ports.stockLedger.getLocations()).rejects.toThrow(ErpUnavailableError);
    t.faults.clear();
    expect(await t.ports.itemMaster.getItems(['SKU-000001'])).toHaveLength(1);
  });
});
