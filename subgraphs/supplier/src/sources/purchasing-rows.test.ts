// The ERP-to-hub translation of purchase orders: statuses, totals, line numbering.
import { describe, expect, it } from 'vitest';
import type { PurchaseOrderRecord } from '@retail-hub/erp';
import { toPurchaseOrderRows } from './purchasing-rows.js';

const record = (status: PurchaseOrderRecord['status']): PurchaseOrderRecord => ({
  id: 'PO-1',
  documentNo: 'PO-ERP-1',
  supplierId: 'SUP-0001',
  locationId: 'LOC-D01',
  status,
  expectedDate: '2026-12-01',
  currency: 'USD',
  lines: [
    { sku: 'SKU-000001', quantity: 24, unitCostCentAmount: 199, receivedQuantity: 0 },
    { sku: 'SKU-000002', quantity: 6, unitCostCentAmount: 1250, receivedQuantity: 6 },
  ],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-02T00:00:00.000Z',
});

describe('toPurchaseOrderRows', () => {
  it('shows an open ERP order as SENT and keeps the other statuses', () => {
    expect(toPurchaseOrderRows(record('OPEN')).order.status).toBe('SENT');
    expect(toPurchaseOrderRows(record('PARTIALLY_RECEIVED')).order.status).toBe('PARTIALLY_RECEIVED');
    expect(toPurchaseOrderRows(record('RECEIVED')).order.status).toBe('RECEIVED');
    expect(toPurchaseOrderRows(record('CANCELLED')).order.status).toBe('CANCELLED');
  });

  it('refuses a status it does not know rather than mislabel the order', () => {
    expect(() => toPurchaseOrderRows(record('ON_HOLD' as never))).toThrow(/ON_HOLD/);
  });

  it('totals the lines and numbers them in ERP order', () => {
    const { order, lines } = toPurchaseOrderRows(record('OPEN'));
    expect(order.total_cent_amount).toBe(24 * 199 + 6 * 1250);
    expect(lines.map((l) => [l.line_no, l.sku, l.received_quantity])).toEqual([
      [1, 'SKU-000001', 0],
      [2, 'SKU-000002', 6],
    ]);
  });
});
