// Migration 003: planning blocks, promotions, runs and proposals, and the hub's purchase-order lifecycle.
import { sql, type Migration } from 'kysely';
import type { Dialect } from '@retail-hub/platform';

export function replenishmentMigration(dialect: Dialect): Migration {
  const blob = dialect === 'sqlite' ? sql`blob` : sql`bytea`;
  return {
    async up(db) {
      await db.schema
        .createTable('location_slot')
        .addColumn('location_id', 'text', (c) => c.primaryKey())
        .addColumn('slot', 'integer', (c) => c.notNull().unique())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('position_block')
        .addColumn('sku', 'text', (c) => c.primaryKey())
        .addColumn('data', blob, (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('demand_block')
        .addColumn('sku', 'text', (c) => c.primaryKey())
        .addColumn('series', blob, (c) => c.notNull())
        .addColumn('weekday_factors', blob, (c) => c.notNull())
        .addColumn('through_day', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('demand_day')
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('day', 'integer', (c) => c.notNull())
        .addColumn('units', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('demand_day_pk', ['sku', 'location_id', 'day'])
        .execute();
      await db.schema
        .createTable('promotion_window')
        .addColumn('promotion_id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('start_day', 'integer', (c) => c.notNull())
        .addColumn('end_day', 'integer', (c) => c.notNull())
        .addColumn('uplift', 'double precision', (c) => c.notNull())
        .addColumn('skus', 'text', (c) => c.notNull())
        .addColumn('locations', 'text', (c) => c.notNull())
        .addColumn('exclusions', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('replenishment_run')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('service_level', 'double precision', (c) => c.notNull())
        .addColumn('safety_factor', 'double precision', (c) => c.notNull())
        .addColumn('review_period_days', 'integer', (c) => c.notNull())
        .addColumn('run_date', 'text', (c) => c.notNull())
        .addColumn('promotion_id', 'text')
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('completed_at', 'text')
        .addColumn('positions', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('proposals', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('exceptions', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('read_ms', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('compute_ms', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('write_ms', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('replenishment_run_created').on('replenishment_run').columns(['created_at', 'id']).execute();
      await db.schema.createIndex('replenishment_run_status').on('replenishment_run').columns(['status', 'created_at']).execute();
      // One scheduled run per day, however many replicas race to queue it.
      await sql`CREATE UNIQUE INDEX replenishment_run_daily ON replenishment_run (run_date) WHERE "trigger" = 'SCHEDULED'`.execute(db);
      await db.schema
        .createTable('replenishment_run_item')
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('supplier_id', 'text', (c) => c.notNull())
        .addColumn('pack_size', 'integer', (c) => c.notNull())
        .addColumn('min_order_qty', 'integer', (c) => c.notNull())
        .addColumn('lead_time_days', 'integer', (c) => c.notNull())
        .addColumn('horizon_days', 'integer', (c) => c.notNull())
        .addColumn('weekly_capacity', 'integer', (c) => c.notNull())
        .addColumn('capacity_available', 'integer', (c) => c.notNull())
        .addColumn('unit_cost_cent_amount', 'integer', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('expected_date', 'text', (c) => c.notNull())
        .addColumn('weekday_factors', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('replenishment_run_item_pk', ['run_id', 'sku'])
        .execute();
      await db.schema
        .createTable('replenishment_proposal')
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('purchase_order_id', 'text')
        .addColumn('exception_mask', 'integer', (c) => c.notNull())
        .addColumn('forecast_daily', 'double precision', (c) => c.notNull())
        .addColumn('std_dev', 'double precision', (c) => c.notNull())
        .addColumn('lead_time_demand', 'double precision', (c) => c.notNull())
        .addColumn('horizon_demand', 'double precision', (c) => c.notNull())
        .addColumn('promotion_uplift', 'double precision', (c) => c.notNull())
        .addColumn('promotion_id', 'text')
        .addColumn('on_hand', 'integer', (c) => c.notNull())
        .addColumn('inbound', 'integer', (c) => c.notNull())
        .addColumn('reserved', 'integer', (c) => c.notNull())
        .addColumn('rounded_quantity', 'integer', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('replenishment_proposal_pk', ['run_id', 'seq'])
        .execute();
      await db.schema
        .createTable('replenishment_exception')
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text')
        .addColumn('supplier_id', 'text')
        .addColumn('proposal_seq', 'integer')
        .addColumn('message', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('replenishment_exception_pk', ['run_id', 'seq'])
        .execute();

      await db.schema.alterTable('purchase_order').addColumn('managed_by', 'text', (c) => c.notNull().defaultTo('ERP')).execute();
      for (const column of ['requested_date', 'sent_at', 'confirmed_at', 'cancel_reason']) {
        await db.schema.alterTable('purchase_order').addColumn(column, 'text').execute();
      }
      await db.schema.alterTable('purchase_order_line').addColumn('confirmed_quantity', 'integer').execute();
      await db.schema.alterTable('purchase_order_line').addColumn('confirmed_date', 'text').execute();
      await db.schema.alterTable('purchase_order_line').addColumn('shipped_quantity', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      // Capacity already taken this week: orders by creation time.
      await db.schema.createIndex('purchase_order_created').on('purchase_order').columns(['created_at']).execute();
      await db.schema
        .createTable('purchase_order_workflow')
        .addColumn('purchase_order_id', 'text', (c) => c.primaryKey())
        .addColumn('next_step', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('purchase_order_workflow_due').on('purchase_order_workflow').columns(['next_step', 'next_attempt_at']).execute();
      await db.schema
        .createTable('purchase_order_confirmation')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('purchase_order_id', 'text', (c) => c.notNull())
        .addColumn('lines', 'text', (c) => c.notNull())
        .addColumn('confirmed_by', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('purchase_order_confirmation_order').on('purchase_order_confirmation').columns(['purchase_order_id', 'confirmed_at']).execute();
      await db.schema
        .createTable('advance_ship_notice')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('purchase_order_id', 'text', (c) => c.notNull())
        .addColumn('lines', 'text', (c) => c.notNull())
        .addColumn('expected_date', 'text', (c) => c.notNull())
        .addColumn('carrier', 'text')
        .addColumn('tracking_number', 'text')
        .addColumn('posted_by', 'text', (c) => c.notNull())
        .addColumn('posted_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('advance_ship_notice_order').on('advance_ship_notice').columns(['purchase_order_id', 'posted_at']).execute();
      await db.schema
        .createTable('purchase_order_receipt')
        .addColumn('receipt_id', 'text', (c) => c.primaryKey())
        .addColumn('purchase_order_id', 'text', (c) => c.notNull())
        .addColumn('lines', 'text', (c) => c.notNull())
        .addColumn('received_by', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('purchase_order_receipt_order').on('purchase_order_receipt').columns(['purchase_order_id', 'received_at']).execute();
    },
  };
}
