// The orders store's migrations, run on start.
import { sql } from 'kysely';
import { eventTablesMigration, sagaTablesMigration, type MigrationList } from '@retail-hub/platform';

export const ordersMigrations: MigrationList = {
  '000_events': eventTablesMigration,
  '001_orders': () => ({
    async up(db) {
      await db.schema
        .createTable('orders')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('idempotency_key', 'text', (c) => c.unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('payment_status', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('customer_ref', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('subtotal_cent_amount', 'integer', (c) => c.notNull())
        .addColumn('discount_cent_amount', 'integer', (c) => c.notNull())
        .addColumn('total_cent_amount', 'integer', (c) => c.notNull())
        .addColumn('placed_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Every list is newest first; each index ends in (placed_at, id) so a filtered page is one index range.
      await db.schema.createIndex('orders_placed').on('orders').columns(['placed_at', 'id']).execute();
      await db.schema.createIndex('orders_status').on('orders').columns(['status', 'placed_at', 'id']).execute();
      await db.schema.createIndex('orders_location').on('orders').columns(['location_id', 'placed_at', 'id']).execute();
      await db.schema.createIndex('orders_customer').on('orders').columns(['customer_ref', 'placed_at', 'id']).execute();
      await db.schema
        .createTable('order_line')
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
        .addColumn('line_no', 'integer', (c) => c.notNull())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('unit_price_cent_amount', 'integer', (c) => c.notNull())
        .addColumn('regular_unit_price_cent_amount', 'integer', (c) => c.notNull())
        .addColumn('discount_cent_amount', 'integer', (c) => c.notNull())
        .addColumn('line_total_cent_amount', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('order_line_pk', ['order_id', 'line_no'])
        .addCheckConstraint('order_line_quantity_positive', sql`quantity > 0`)
        .execute();
    },
  }),
  '002_lifecycle': () => ({
    async up(db) {
      await db.schema.alterTable('orders').addColumn('version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('orders').addColumn('payment_method', 'text').execute();
      await db.schema.alterTable('orders').addColumn('payment_ref', 'text').execute();
      await db.schema.alterTable('orders').addColumn('ship_to_region', 'text').execute();
      await db.schema.alterTable('order_line').addColumn('returned_quantity', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema
        .createTable('order_fulfilment')
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
        .addColumn('fulfilment_no', 'integer', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('carrier', 'text')
        .addColumn('tracking_number', 'text')
        .addColumn('shipped_at', 'text')
        .addColumn('delivered_at', 'text')
        .addPrimaryKeyConstraint('order_fulfilment_pk', ['order_id', 'fulfilment_no'])
        .execute();
      await db.schema
        .createTable('order_fulfilment_line')
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('fulfilment_no', 'integer', (c) => c.notNull())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('order_fulfilment_line_pk', ['order_id', 'fulfilment_no', 'sku'])
        .addForeignKeyConstraint('order_fulfilment_line_fulfilment', ['order_id', 'fulfilment_no'], 'order_fulfilment', ['order_id', 'fulfilment_no'], (fk) => fk.onDelete('cascade'))
        .execute();
      await db.schema
        .createTable('order_transition')
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('payment_status', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('order_transition_pk', ['order_id', 'seq'])
        .execute();
      await db.schema
        .createTable('order_return')
        .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
        .addColumn('return_no', 'integer', (c) => c.notNull())
        .addColumn('restock_location_id', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('lines', 'text', (c) => c.notNull())
        .addColumn('refund_cent_amount', 'integer', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('order_return_pk', ['order_id', 'return_no'])
        .execute();
      await db.schema
        .createTable('erp_posting')
        .addColumn('posting_id', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('document_no', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('posted_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('erp_posting_order').on('erp_posting').columns(['order_id', 'created_at']).execute();
      // The dispatcher only ever scans postings waiting to be sent; operators list by status.
      await sql`CREATE INDEX erp_posting_due ON erp_posting (next_attempt_at) WHERE status = 'PENDING'`.execute(db);
      await db.schema.createIndex('erp_posting_status').on('erp_posting').columns(['status', 'updated_at', 'posting_id']).execute();
      await db.schema
        .createTable('idempotency_key')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('result', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text')
        .execute();
      await db.schema.createIndex('idempotency_key_created').on('idempotency_key').column('created_at').execute();
    },
  }),
  '003_sagas': () => sagaTablesMigration(),
  // The dispatcher's poll (pending, due, oldest first) lost the partial index on next_attempt_at to erp_posting_status:
  // with no statistics the planner took the status prefix, then read and sorted every pending posting. After an ERP
  // outage that is the whole backlog on every poll (55 ms at 100,000 queued, on the services' thread). This index
  // answers the poll in its own order, up to its limit (0.3 ms at 100,000).
  '004_posting_due_in_order': () => ({
    async up(db) {
      await db.schema.dropIndex('erp_posting_due').execute();
      await db.schema.createIndex('erp_posting_due').on('erp_posting').columns(['status', 'next_attempt_at', 'posting_id']).execute();
    },
  }),
};
