// Reads and writes orders and their lines: batch lookups, newest-first filtered pages, inserts.
import type { Insertable, Kysely, Selectable } from 'kysely';
import { PreparedInsert, type Executor } from '@retail-hub/platform';
import type { OrderLineTable, OrdersDatabase, OrdersTable } from './order-tables.js';

// Every placement writes an order and its lines: compiled once per line count (see PreparedInsert).
const INSERT_ORDER = new PreparedInsert<OrdersDatabase, 'orders'>('orders');
const INSERT_LINES = new PreparedInsert<OrdersDatabase, 'order_line'>('order_line');

export type OrderRow = Selectable<OrdersTable>;
export type OrderLineRow = Selectable<OrderLineTable> & { currency: string };

/** An order to write: its lines are numbered 1..n in the order given. */
export interface NewOrderRecord {
  order: Insertable<OrdersTable>;
  lines: Omit<Insertable<OrderLineTable>, 'order_id' | 'line_no'>[];
}

/** What a lifecycle transition may change on an order row. */
export interface OrderChange {
  status?: string;
  payment_status?: string;
  payment_ref?: string | null;
  updated_at: string;
}

export interface OrderQuery {
  status?: string;
  channel?: string;
  locationId?: string;
  customerRef?: string;
  /** Inclusive lower bound on placed_at (ISO). */
  placedFrom?: string;
  /** Exclusive upper bound on placed_at (ISO). */
  placedUntil?: string;
}

export interface OrderPageQuery extends OrderQuery {
  /** Continue after this (placed_at, id), going back in time. */
  before?: { placedAt: string; id: string };
  limit: number;
}

const BATCH = 500;

export class OrderRepository {
  constructor(private readonly db: Kysely<OrdersDatabase>) {}

  async findByIds(ids: readonly string[]): Promise<OrderRow[]> {
    const rows: OrderRow[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      rows.push(...(await this.db.selectFrom('orders').selectAll().where('id', 'in', ids.slice(i, i + BATCH)).execute()));
    }
    return rows;
  }

  /** The lines of many orders, each with its order's currency, by order then line number. */
  async linesOf(orderIds: readonly string[]): Promise<OrderLineRow[]> {
    const rows: OrderLineRow[] = [];
    for (let i = 0; i < orderIds.length; i += BATCH) {
      rows.push(
        ...(await this.db
          .selectFrom('order_line')
          .innerJoin('orders', 'orders.id', 'order_line.order_id')
          .selectAll('order_line')
          .select('orders.currency')
          .where('order_line.order_id', 'in', orderIds.slice(i, i + BATCH))
          .orderBy('order_line.order_id')
          .orderBy('order_line.line_no')
          .execute()),
      );
    }
    return rows;
  }

  async page(query: OrderPageQuery): Promise<OrderRow[]> {
    let q = this.filtered(query).selectAll().orderBy('placed_at', 'desc').orderBy('id', 'desc').limit(query.limit);
    const before = query.before;
    if (before) q = q.where((eb) => eb(eb.refTuple('placed_at', 'id'), '<', eb.tuple(before.placedAt, before.id)));
    return q.execute();
  }

  async count(query: OrderQuery): Promise<number> {
    const row = await this.filtered(query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Writes an order and its lines together: inside the caller's transaction when given one
   * (placement emits its event in the same transaction), else in a transaction of its own.
   */
  async insert(record: NewOrderRecord, executor: Executor<OrdersDatabase> = this.db): Promise<void> {
    const write = async (trx: Executor<OrdersDatabase>) => {
      await INSERT_ORDER.run(trx, [{ ...record.order, placed_at: storedInstant(record.order.placed_at), updated_at: storedInstant(record.order.updated_at) }]);
      if (record.lines.length === 0) return;
      await INSERT_LINES.run(
        trx,
        record.lines.map((line, i) => ({ ...line, order_id: record.order.id, line_no: i + 1 })),
      );
    };
    if (executor.isTransaction) await write(executor);
    else await executor.transaction().execute(write);
  }

  async find(id: string, executor: Executor<OrdersDatabase> = this.db): Promise<OrderRow | undefined> {
    return executor.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async linesFor(orderId: string, executor: Executor<OrdersDatabase> = this.db): Promise<OrderLineRow[]> {
    return executor.selectFrom('order_line').innerJoin('orders', 'orders.id', 'order_line.order_id').selectAll('order_line').select('orders.currency').where('order_line.order_id', '=', orderId).orderBy('order_line.line_no').execute();
  }

  /**
   * Applies a change only to the version the caller read, and bumps it: of two concurrent
   * transitions of one order, the second finds the version moved on and changes nothing.
   */
  async updateIfVersion(trx: Executor<OrdersDatabase>, id: string, version: number, change: OrderChange): Promise<boolean> {
    const updated = await trx
      .updateTable('orders')
      .set({ ...change, updated_at: storedInstant(change.updated_at), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1;
  }

  async addReturned(trx: Executor<OrdersDatabase>, orderId: string, sku: string, quantity: number): Promise<void> {
    await trx
      .updateTable('order_line')
      .set((eb) => ({ returned_quantity: eb('returned_quantity', '+', quantity) }))
      .where('order_id', '=', orderId)
      .where('sku', '=', sku)
      .execute();
  }

  private filtered(query: OrderQuery) {
    let q = this.db.selectFrom('orders');
    if (query.status) q = q.where('status', '=', query.status);
    if (query.channel) q = q.where('channel', '=', query.channel);
    if (query.locationId) q = q.where('location_id', '=', query.locationId);
    if (query.customerRef !== undefined) q = q.where('customer_ref', '=', query.customerRef);
    if (query.placedFrom) q = q.where('placed_at', '>=', query.placedFrom);
    if (query.placedUntil) q = q.where('placed_at', '<', query.placedUntil);
    return q;
  }
}

/** One text form for every stored instant: ISO strings of other shapes (no millis, an offset) would sort out of time order. */
function storedInstant(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not an ISO-8601 instant: ${value}`);
  return date.toISOString();
}
