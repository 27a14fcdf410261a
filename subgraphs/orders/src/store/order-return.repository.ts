// The returns of each order: what came back, where it was restocked, what it refunded.
import type { Kysely, Selectable } from 'kysely';
import type { Executor } from '@retail-hub/platform';
import type { OrderReturnTable, OrdersDatabase } from './order-tables.js';

export type ReturnRow = Selectable<OrderReturnTable>;

export class OrderReturnRepository {
  constructor(private readonly db: Kysely<OrdersDatabase>) {}

  /** Records a return numbered after the order's last one; returns its number. */
  async insert(trx: Executor<OrdersDatabase>, row: Omit<ReturnRow, 'return_no'>): Promise<number> {
    const last = await trx.selectFrom('order_return').select((eb) => eb.fn.max<number>('return_no').as('n')).where('order_id', '=', row.order_id).executeTakeFirst();
    const returnNo = Number(last?.n ?? 0) + 1;
    await trx.insertInto('order_return').values({ ...row, return_no: returnNo }).execute();
    return returnNo;
  }

  async forOrders(orderIds: readonly string[]): Promise<ReturnRow[]> {
    if (orderIds.length === 0) return [];
    return this.db.selectFrom('order_return').selectAll().where('order_id', 'in', [...orderIds]).orderBy('order_id').orderBy('return_no').execute();
  }
}
