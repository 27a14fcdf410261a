// An order's fulfilments, timeline and returns, loaded for many orders at once (DataLoader batch functions in key order).
import type { OrderFulfilmentRepository } from '../store/order-fulfilment.repository.js';
import type { OrderReturnRepository } from '../store/order-return.repository.js';
import type { OrderTimelineRepository } from '../store/order-timeline.repository.js';
import { fulfilmentId } from './lifecycle/order-transitions.js';

export interface Fulfilment {
  id: string;
  locationId: string;
  status: string;
  lines: { sku: string; quantity: number }[];
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
}

export interface OrderTransition {
  at: string;
  from: string | null;
  to: string;
  paymentStatus: string;
  actor: string;
  note: string | null;
}

export interface OrderReturn {
  id: string;
  restockLocationId: string;
  reason: string | null;
  lines: { sku: string; quantity: number; refund: { centAmount: number; currency: string } }[];
  refund: { centAmount: number; currency: string };
  returnedAt: string;
}

export class OrderDetailsService {
  constructor(private readonly fulfilments: OrderFulfilmentRepository, private readonly timeline: OrderTimelineRepository, private readonly returns: OrderReturnRepository) {}

  async fulfilmentsByOrderId(orderIds: readonly string[]): Promise<Fulfilment[][]> {
    const rows = await this.fulfilments.forOrders(orderIds);
    return orderIds.map((id) =>
      rows
        .filter((r) => r.order_id === id)
        .map((r) => ({
          id: fulfilmentId(r.order_id, r.fulfilment_no),
          locationId: r.location_id,
          status: r.status,
          lines: r.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
          carrier: r.carrier,
          trackingNumber: r.tracking_number,
          shippedAt: r.shipped_at,
          deliveredAt: r.delivered_at,
        })),
    );
  }

  async timelineByOrderId(orderIds: readonly string[]): Promise<OrderTransition[][]> {
    const rows = await this.timeline.forOrders(orderIds);
    return orderIds.map((id) => rows.filter((r) => r.order_id === id).map((r) => ({ at: r.at, from: r.from_status, to: r.to_status, paymentStatus: r.payment_status, actor: r.actor, note: r.note })));
  }

  /** Returns need the order's currency for their amounts: `currencyOf` gives it per order id. */
  async returnsByOrderId(orderIds: readonly string[], currencyOf: (orderId: string) => Promise<string>): Promise<OrderReturn[][]> {
    const rows = await this.returns.forOrders(orderIds);
    return Promise.all(
      orderIds.map(async (id) => {
        const mine = rows.filter((r) => r.order_id === id);
        if (mine.length === 0) return [];
        const currency = await currencyOf(id);
        return mine.map((r) => ({
          id: `${r.order_id}-R${r.return_no}`,
          restockLocationId: r.restock_location_id,
          reason: r.reason,
          lines: (JSON.parse(r.lines) as { sku: string; quantity: number; refundCentAmount: number }[]).map((l) => ({ sku: l.sku, quantity: l.quantity, refund: { centAmount: l.refundCentAmount, currency } })),
          refund: { centAmount: r.refund_cent_amount, currency },
          returnedAt: r.created_at,
        }));
      }),
    );
  }
}
