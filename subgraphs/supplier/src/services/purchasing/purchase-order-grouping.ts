// Approved proposals into purchase orders: one per supplier, destination and delivery date, one line per SKU.
import type { ProposalKey } from '../../store/replenishment-proposal.repository.js';

export interface ApprovedProposal {
  key: ProposalKey;
  id: string;
  sku: string;
  locationId: string;
  quantity: number;
  supplierId: string;
  unitCostCentAmount: number;
  currency: string;
  expectedDate: string;
}

export interface OrderDraft {
  supplierId: string;
  locationId: string;
  expectedDate: string;
  currency: string;
  lines: { sku: string; quantity: number; unitCostCentAmount: number }[];
  proposals: ApprovedProposal[];
}

/** Orders in a stable order (supplier, location, date), lines by SKU; the same SKU twice on an order is one line. */
export function groupIntoOrders(proposals: readonly ApprovedProposal[]): OrderDraft[] {
  const orders = new Map<string, OrderDraft>();
  for (const p of proposals) {
    const key = `${p.supplierId}|${p.locationId}|${p.expectedDate}|${p.currency}`;
    const order = orders.get(key) ?? { supplierId: p.supplierId, locationId: p.locationId, expectedDate: p.expectedDate, currency: p.currency, lines: [], proposals: [] };
    const line = order.lines.find((l) => l.sku === p.sku);
    if (line) line.quantity += p.quantity;
    else order.lines.push({ sku: p.sku, quantity: p.quantity, unitCostCentAmount: p.unitCostCentAmount });
    order.proposals.push(p);
    orders.set(key, order);
  }
  return [...orders.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, order]) => ({ ...order, lines: order.lines.sort((a, b) => a.sku.localeCompare(b.sku)) }));
}
