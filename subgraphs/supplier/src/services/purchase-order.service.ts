// The purchase-order rules: lookups, their lines, filtered pages soonest expected first.
import { notFound, pageSize, toConnection, type Connection } from '@retail-hub/platform';
import type { PurchaseOrderLineRepository } from '../store/purchase-order-line.repository.js';
import type { PurchaseOrderRepository } from '../store/purchase-order.repository.js';
import type { SupplierScope } from '../store/supplier-scope.js';
import { purchaseOrderCursor, purchaseOrderPosition, purchaseOrderQuery, type PurchaseOrderFilterInput } from './purchase-order-query.js';
import { toPurchaseOrder, toPurchaseOrderLine, type PurchaseOrder, type PurchaseOrderLine } from './supplier-model.js';

export class PurchaseOrderService {
  constructor(private readonly orders: PurchaseOrderRepository, private readonly lines: PurchaseOrderLineRepository) {}

  /** Batch lookup in key order (a DataLoader batch function); orders outside the scope are null. */
  async purchaseOrdersById(scope: SupplierScope, ids: readonly string[]): Promise<(PurchaseOrder | null)[]> {
    const byId = new Map((await this.orders.findByIds(scope, ids)).map((r) => [r.id, toPurchaseOrder(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** The lines of each order, in line order, in key order. */
  async linesByPurchaseOrderId(scope: SupplierScope, ids: readonly string[]): Promise<PurchaseOrderLine[][]> {
    const byOrder = new Map<string, PurchaseOrderLine[]>();
    for (const row of await this.lines.findByPurchaseOrderIds(scope, ids)) {
      const list = byOrder.get(row.purchase_order_id) ?? [];
      list.push(toPurchaseOrderLine(row));
      byOrder.set(row.purchase_order_id, list);
    }
    return ids.map((id) => byOrder.get(id) ?? []);
  }

  /** The same answer whether the order does not exist or belongs to another supplier, so ids cannot be probed. */
  requirePurchaseOrder(order: PurchaseOrder | null, id: string): PurchaseOrder {
    if (!order) throw notFound('id', `id: no purchase order ${id}`);
    return order;
  }

  async listPurchaseOrders(scope: SupplierScope, filter: PurchaseOrderFilterInput | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<PurchaseOrder>> {
    const limit = pageSize(first);
    const query = purchaseOrderQuery(filter);
    const position = purchaseOrderPosition(after);
    const rows = await this.orders.page(scope, query, position, limit + 1);
    return toConnection(rows.map(toPurchaseOrder), limit, purchaseOrderCursor, () => this.orders.count(scope, query), position !== null);
  }
}
