// Order.timeline: every change of an order's status or payment status, with when and who.
import type { Kysely, Selectable } from 'kysely';
import { PreparedInsert, type Executor } from '@retail-hub/platform';
import type { OrdersDatabase, OrderTransitionTable } from './order-tables.js';

// Every order change appends to the timeline: compiled once per count of entries (see PreparedInsert).
const INSERT = new PreparedInsert<OrdersDatabase, 'order_transition'>('order_transition');

export type TransitionRow = Selectable<OrderTransitionTable>;

export type NewTransition = Omit<TransitionRow, 'order_id' | 'seq'>;

export class OrderTimelineRepository {
  constructor(private readonly db: Kysely<OrdersDatabase>) {}

  /**
   * Appends entries after the order's last one. Callers hold the order's version (the update
   * that bumps it is in the same transaction), so two appends for one order never race.
   */
  async append(trx: Executor<OrdersDatabase>, orderId: string, entries: readonly NewTransition[], startSeq?: number): Promise<void> {
    if (entries.length === 0) return;
    const first =
      startSeq ??
      Number((await trx.selectFrom('order_transition').select((eb) => eb.fn.max<number>('seq').as('seq')).where('order_id', '=', orderId).executeTakeFirst())?.seq ?? 0) + 1;
    await INSERT.run(
      trx,
      entries.map((e, i) => ({ ...e, order_id: orderId, seq: first + i })),
    );
  }

  async forOrders(orderIds: readonly string[]): Promise<TransitionRow[]> {
    if (orderIds.length === 0) return [];
    return this.db.selectFrom('order_transition').selectAll().where('order_id', 'in', [...orderIds]).orderBy('order_id').orderBy('seq').execute();
  }
}
