// The projection follows the ERP: receipts, cancellations, new orders and blocked suppliers arrive on the next sync; reads survive an ERP outage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, execute, TEST_DIALECTS, testSubgraphDeps, type TestStore } from '@retail-hub/platform';
import { openTestErp, type TestErp } from '@retail-hub/erp';
import { createSupplierSubgraph, type SupplierSubgraph } from '../src/server.js';
import { deactivateSupplierInErp, readErpPurchasing, type ErpPurchasing } from './erp-purchasing.js';
import type { PurchaseOrderJson } from './response-types.js';

describe.each(TEST_DIALECTS)('purchasing sync on %s', (dialect) => {
  let erp: TestErp;
  let store: TestStore;
  let subgraph: SupplierSubgraph;
  let truth: ErpPurchasing;

  beforeAll(async () => {
    erp = await openTestErp({ skus: 300 });
    store = await createTestStore(dialect, 'supplier_sync');
    subgraph = await createSupplierSubgraph({ ...testSubgraphDeps(store.config), erp: erp.ports, replenishment: { dailyRunAt: null } });
    await subgraph.start();
    truth = await readErpPurchasing(erp);
  });

  afterAll(async () => {
    await subgraph?.stop();
    await store?.drop();
    await erp?.close();
  });

  it('picks up receipts, cancellations, new orders and blocked suppliers on the next sync', async () => {
    const [received, cancelled] = truth.orders;
    const purchasing = erp.ports.purchasing;
    await purchasing.receivePurchaseOrders([{ receiptId: 'RCPT-TEST-1', purchaseOrderId: received!.id, lines: [{ sku: received!.lines[0]!.sku, quantity: 1 }] }]);
    await purchasing.cancelPurchaseOrders([cancelled!.id]);
    await purchasing.createPurchaseOrders([
      { id: 'PO-TEST-0001', supplierId: 'SUP-0002', locationId: 'LOC-D01', expectedDate: '2026-12-20', currency: 'USD', lines: [{ sku: 'SKU-000001', quantity: 12, unitCostCentAmount: 500 }] },
    ]);
    await deactivateSupplierInErp(erp, 'SUP-0003');
    await subgraph.sync.syncNow();

    const result = await execute(
      subgraph,
      /* GraphQL */ `query($a: ID!, $b: ID!) { a: purchaseOrder(id: $a) { status lines { receivedQuantity } } b: purchaseOrder(id: $b) { status }
        c: purchaseOrder(id: "PO-TEST-0001") { status supplier { id } total { centAmount } lines { product { sku } quantity } }
        blocked: suppliers(filter: { active: false }) { nodes { id active } } }`,
      { a: received!.id, b: cancelled!.id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.a.status).toBe('PARTIALLY_RECEIVED');
    expect((result.data.a as PurchaseOrderJson).lines.map((l) => l.receivedQuantity)).toEqual(received!.lines.map((_, i) => (i === 0 ? 1 : 0)));
    expect(result.data.b.status).toBe('CANCELLED');
    expect(result.data.c).toEqual({ status: 'SENT', supplier: { id: 'SUP-0002' }, total: { centAmount: 6000 }, lines: [{ product: { sku: 'SKU-000001' }, quantity: 12 }] });
    expect(result.data.blocked.nodes).toEqual([{ id: 'SUP-0003', active: false }]);
  });

  it('keeps answering from its projection while the ERP is down, across a restart', async () => {
    erp.faults.set({ outage: true });
    try {
      await expect(subgraph.sync.syncNow()).rejects.toThrow(/outage/);
      const result = await execute(subgraph, /* GraphQL */ `{ suppliers { totalCount } product: _entities(representations: [{ __typename: "Product", sku: "SKU-000002" }]) { ... on Product { suppliers { primary } } } }`);
      expect(result.errors).toBeUndefined();
      expect(result.data.suppliers.totalCount).toBe(48);
      expect(result.data.product[0].suppliers.length).toBeGreaterThan(0);

      // A restart while the ERP is down serves the last synced view instead of failing to start.
      const restarted = await createSupplierSubgraph({ ...testSubgraphDeps(store.config), erp: erp.ports, replenishment: { dailyRunAt: null } });
      await restarted.start();
      try {
        const again = await execute(restarted, /* GraphQL */ `{ suppliers { totalCount } purchaseOrders { totalCount } }`);
        expect(again.data).toEqual({ suppliers: { totalCount: 48 }, purchaseOrders: { totalCount: truth.orders.length + 1 } });
      } finally {
        await restarted.stop();
      }
    } finally {
      erp.faults.clear();
    }
  });
});
