// What open purchase orders mean for planning: capacity already taken this week, and inbound the ERP's numbers do not show yet.
import { sql, type Kysely } from 'kysely';
import type { SupplierDatabase } from './supplier-tables.js';

export interface InboundCorrection {
  sku: string;
  locationId: string;
  /** Units to add to the ERP's inbound for this position (negative: units the ERP still expects but will not come). */
  delta: number;
}

export class PlanningOrdersRepository {
  constructor(private readonly db: Kysely<SupplierDatabase>) {}

  /** Units ordered from each supplier for each SKU by orders created since `since` (cancelled ones freed theirs): `${supplierId}|${sku}`. */
  async committedCapacity(since: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('purchase_order_line')
      .innerJoin('purchase_order', 'purchase_order.id', 'purchase_order_line.purchase_order_id')
      .select(['purchase_order.supplier_id', 'purchase_order_line.sku', (eb) => eb.fn.sum<number>('purchase_order_line.quantity').as('units')])
      .where('purchase_order.created_at', '>=', since)
      .where('purchase_order.status', '<>', 'CANCELLED')
      .groupBy(['purchase_order.supplier_id', 'purchase_order_line.sku'])
      .execute();
    return new Map(rows.map((r) => [`${r.supplier_id}|${r.sku}`, Number(r.units)]));
  }

  /**
   * The ERP's inbound counts what it was sent, as ordered, until it is received or cancelled. The hub knows more:
   * orders approved but not yet in the ERP (coming, not counted yet), and short confirmations (counted, not coming).
   */
  async inboundCorrections(): Promise<InboundCorrection[]> {
    const unsent = await this.db
      .selectFrom('purchase_order_line')
      .innerJoin('purchase_order', 'purchase_order.id', 'purchase_order_line.purchase_order_id')
      .select(['purchase_order_line.sku', 'purchase_order.location_id', (eb) => eb.fn.sum<number>('purchase_order_line.quantity').as('delta')])
      .where('purchase_order.status', 'in', ['DRAFT', 'APPROVED'])
      .groupBy(['purchase_order_line.sku', 'purchase_order.location_id'])
      .execute();
    // max(0, confirmed - received) is what is still coming; the ERP counts quantity - received.
    const short = await this.db
      .selectFrom('purchase_order_line')
      .innerJoin('purchase_order', 'purchase_order.id', 'purchase_order_line.purchase_order_id')
      .leftJoin('purchase_order_workflow', 'purchase_order_workflow.purchase_order_id', 'purchase_order.id')
      .select([
        'purchase_order_line.sku',
        'purchase_order.location_id',
        sql<number>`sum(case when purchase_order_line.confirmed_quantity > purchase_order_line.received_quantity then purchase_order_line.confirmed_quantity - purchase_order_line.received_quantity else 0 end
          - (purchase_order_line.quantity - purchase_order_line.received_quantity))`.as('delta'),
      ])
      .where('purchase_order_line.confirmed_quantity', 'is not', null)
      .where((eb) => eb('purchase_order_line.confirmed_quantity', '<', eb.ref('purchase_order_line.quantity')))
      .where((eb) =>
        eb.or([
          eb('purchase_order.status', 'in', ['SENT', 'CONFIRMED', 'PARTIALLY_CONFIRMED', 'PARTIALLY_RECEIVED']),
          // Received in full against a short confirmation, the ERP's remainder not closed yet.
          eb.and([eb('purchase_order.status', '=', 'RECEIVED'), eb('purchase_order_workflow.next_step', '=', 'CLOSE_REMAINDER')]),
        ]),
      )
      .groupBy(['purchase_order_line.sku', 'purchase_order.location_id'])
      .execute();
    return [...unsent, ...short].map((r) => ({ sku: r.sku, locationId: r.location_id, delta: Number(r.delta) })).filter((c) => c.delta !== 0);
  }
}
