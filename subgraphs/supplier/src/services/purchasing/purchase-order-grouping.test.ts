// Grouping approved proposals: one order per supplier, destination and delivery date.
import { describe, expect, it } from 'vitest';
import { groupIntoOrders, type ApprovedProposal } from './purchase-order-grouping.js';

const proposal = (seq: number, sku: string, locationId: string, supplierId: string, expectedDate: string, quantity: number): ApprovedProposal => ({
  key: { runId: 'RUN-1', seq },
  id: `PRP-${seq}`,
  sku,
  locationId,
  quantity,
  supplierId,
  unitCostCentAmount: 100,
  currency: 'USD',
  expectedDate,
});

describe('groupIntoOrders', () => {
  it('makes one order per supplier, destination and date, with one line per SKU', () => {
    const orders = groupIntoOrders([
      proposal(1, 'SKU-2', 'LOC-S0001', 'SUP-1', '2026-12-03', 24),
      proposal(2, 'SKU-1', 'LOC-S0001', 'SUP-1', '2026-12-03', 12),
      proposal(3, 'SKU-1', 'LOC-S0002', 'SUP-1', '2026-12-03', 12),
      proposal(4, 'SKU-3', 'LOC-S0001', 'SUP-2', '2026-12-03', 6),
      proposal(5, 'SKU-4', 'LOC-S0001', 'SUP-1', '2026-12-05', 48),
    ]);
    expect(orders.map((o) => [o.supplierId, o.locationId, o.expectedDate, o.lines.map((l) => `${l.sku}x${l.quantity}`)])).toEqual([
      ['SUP-1', 'LOC-S0001', '2026-12-03', ['SKU-1x12', 'SKU-2x24']],
      ['SUP-1', 'LOC-S0001', '2026-12-05', ['SKU-4x48']],
      ['SUP-1', 'LOC-S0002', '2026-12-03', ['SKU-1x12']],
      ['SUP-2', 'LOC-S0001', '2026-12-03', ['SKU-3x6']],
    ]);
  });
});
