// Returns of a delivered order: which units came back, where they are restocked, what is refunded.
import { badUserInput, type Claims } from '@retail-hub/platform';
import { orderReturnedEvent } from '../../events/order-returned.event.js';
import type { LocationDirectory } from '../../graph/location-directory.js';
import type { OrderReturnRepository } from '../../store/order-return.repository.js';
import type { OrderRepository } from '../../store/order.repository.js';
import { creditNotePosting } from '../erp-postings.js';
import { shareOf } from '../money-split.js';
import { assertTransition } from '../order-state-machine.js';
import type { OrderResult } from './order-lifecycle.service.js';
import { assertMayChange, optionalText, type OrderTransitions } from './order-transitions.js';
import { toOrder } from '../order-model.js';

export interface ReturnOrderInput {
  lines: { sku: string; quantity: number }[];
  restockLocationId: string;
  reason?: string | null;
}

export class OrderReturnService {
  constructor(
    private readonly transitions: OrderTransitions,
    private readonly orders: OrderRepository,
    private readonly returns: OrderReturnRepository,
    private readonly directory: LocationDirectory,
  ) {}

  /**
   * Takes units of a delivered order back into stock at the chosen location and refunds them: each
   * line's share of what the customer paid for it. RETURNED (and REFUNDED) once every unit is back, else
   * PARTIALLY_RETURNED (and PARTIALLY_REFUNDED).
   */
  async returnOrder(claims: Claims, id: string, input: ReturnOrderInput): Promise<OrderResult> {
    assertMayChange(claims, 'returnOrder');
    const reason = optionalText(input.reason, 'input.reason', 200);
    if (input.lines.length === 0) throw badUserInput('input.lines', 'must name at least one line');
    const restock = await this.directory.get(input.restockLocationId);
    if (!restock) throw badUserInput('input.restockLocationId', `no location ${input.restockLocationId}`);
    if (!restock.active) throw badUserInput('input.restockLocationId', `${input.restockLocationId} is closed`);
    const row = await this.transitions.apply(id, claims.sub, async ({ order, lines, trx, now }) => {
      assertTransition(order, 'return');
      const coming = new Map<string, number>();
      input.lines.forEach((l, i) => {
        const line = lines.find((o) => o.sku === l.sku);
        if (!line) throw badUserInput(`input.lines.${i}.sku`, `${l.sku} is not on order ${order.id}`);
        const total = (coming.get(l.sku) ?? 0) + l.quantity;
        const open = line.quantity - line.returned_quantity;
        if (!Number.isInteger(l.quantity) || l.quantity < 1 || total > open) throw badUserInput(`input.lines.${i}.quantity`, `must be 1 to ${open}: ${line.returned_quantity} of ${line.quantity} already came back`);
        coming.set(l.sku, total);
      });
      const refunds = [...coming].map(([sku, quantity]) => {
        const line = lines.find((o) => o.sku === sku)!;
        return { sku, quantity, refundCentAmount: shareOf(line.line_total_cent_amount, line.quantity, line.returned_quantity, quantity) };
      });
      for (const r of refunds) await this.orders.addReturned(trx, order.id, r.sku, r.quantity);
      const everything = lines.every((l) => l.returned_quantity + (coming.get(l.sku) ?? 0) === l.quantity);
      const refund = refunds.reduce((sum, r) => sum + r.refundCentAmount, 0);
      const returnNo = await this.returns.insert(trx, { order_id: order.id, restock_location_id: restock.id, reason, lines: JSON.stringify(refunds), refund_cent_amount: refund, actor: claims.sub, created_at: now });
      const status = everything ? 'RETURNED' : 'PARTIALLY_RETURNED';
      return {
        change: { status, payment_status: everything ? 'REFUNDED' : 'PARTIALLY_REFUNDED' },
        note: `${refunds.map((r) => `${r.quantity} x ${r.sku}`).join(', ')} back to ${restock.id}; ${refund} ${order.currency} cents refunded${reason ? ` (${reason})` : ''}`,
        events: [orderReturnedEvent({ orderId: order.id, status, returnId: `${order.id}-R${returnNo}`, restockLocationId: restock.id, reason, lines: refunds, refundCentAmount: refund, currency: order.currency, returnedAt: now })],
        postings: [creditNotePosting({ id: order.id, channel: order.channel, locationId: order.location_id, currency: order.currency }, returnNo, restock.id, refunds, now)],
      };
    });
    return { order: toOrder(row), errors: [] };
  }
}
