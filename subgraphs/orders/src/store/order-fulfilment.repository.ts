// Where each order ships from: its fulfilments and their lines, and their shipment details.
import type { Kysely, Selectable } from 'kysely';
import { PreparedInsert, type Executor } from '@retail-hub/platform';
import type { OrderFulfilmentLineTable, OrderFulfilmentTable, OrdersDatabase } from './order-tables.js';

// Every placement writes its fulfilments: compiled once per count (see PreparedInsert).
const INSERT_FULFILMENTS = new PreparedInsert<OrdersDatabase, 'order_fulfilment'>('order_fulfilment');
const INSERT_LINES = new PreparedInsert<OrdersDatabase, 'order_fulfilment_line'>('order_fulfilment_line');

export type FulfilmentRow = Selectable<OrderFulfilmentTable>;
export type FulfilmentLineRow = Selectable<OrderFulfilmentLineTable>;

export interface FulfilmentRecord extends FulfilmentRow {
  lines: FulfilmentLineRow[];
}

export interface NewFulfilment {
  locationId: string;
  lines: { sku: string; quantity: number }[];
}

export class OrderFulfilmentRepository {
  constructor(private readonly db: Kysely<OrdersDatabase>) {}

  /** Numbers the fulfilments 1..n in the order given (routing's preference order). */
  async insert(trx: Executor<OrdersDatabase>, orderId: string, fulfilments: readonly NewFulfilment[]): Promise<void> {
    await INSERT_FULFILMENTS.run(
      trx,
      fulfilments.map((f, i) => ({ order_id: orderId, fulfilment_no: i + 1, location_id: f.locationId, status: 'PENDING', carrier: null, tracking_number: null, shipped_at: null, delivered_at: null })),
    );
    await INSERT_LINES.run(
      trx,
      fulfilments.flatMap((f, i) => f.lines.map((l) => ({ order_id: orderId, fulfilment_no: i + 1, sku: l.sku, quantity: l.quantity }))),
    );
  }

  /** The fulfilments of many orders with their lines, by order then number. */
  async forOrders(orderIds: readonly string[], executor: Executor<OrdersDatabase> = this.db): Promise<FulfilmentRecord[]> {
    if (orderIds.length === 0) return [];
    const rows = await executor.selectFrom('order_fulfilment').selectAll().where('order_id', 'in', [...orderIds]).orderBy('order_id').orderBy('fulfilment_no').execute();
    const lines = await executor.selectFrom('order_fulfilment_line').selectAll().where('order_id', 'in', [...orderIds]).orderBy('order_id').orderBy('fulfilment_no').orderBy('sku').execute();
    return rows.map((r) => ({ ...r, lines: lines.filter((l) => l.order_id === r.order_id && l.fulfilment_no === r.fulfilment_no) }));
  }

  async setStatus(trx: Executor<OrdersDatabase>, orderId: string, fulfilmentNos: readonly number[], status: string, change: Partial<Pick<FulfilmentRow, 'carrier' | 'tracking_number' | 'shipped_at' | 'delivered_at'>> = {}): Promise<void> {
    if (fulfilmentNos.length === 0) return;
    await trx.updateTable('order_fulfilment').set({ status, ...change }).where('order_id', '=', orderId).where('fulfilment_no', 'in', [...fulfilmentNos]).execute();
  }
}
