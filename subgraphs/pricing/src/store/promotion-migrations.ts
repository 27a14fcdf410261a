// The promotion tables' migrations (listed in migrations.ts after the list-price ones).
import { sql, type Migration } from 'kysely';
import { addSequenceColumn, type Dialect } from '@retail-hub/platform';

export function promotionTablesMigration(dialect: Dialect): Migration {
  return {
    async up(db) {
      // Locations now say what they are: promotions run in stores and the online centre, never in DCs.
      await db.schema.alterTable('location').addColumn('type', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema
        .createTable('promotion')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('stacking', 'text', (c) => c.notNull())
        .addColumn('priority', 'integer', (c) => c.notNull())
        .addColumn('channels', 'text', (c) => c.notNull())
        .addColumn('ch_store', 'integer', (c) => c.notNull())
        .addColumn('ch_ecommerce', 'integer', (c) => c.notNull())
        .addColumn('ch_mobile', 'integer', (c) => c.notNull())
        .addColumn('targets', 'text', (c) => c.notNull())
        .addColumn('locations', 'text', (c) => c.notNull())
        .addColumn('starts_local', 'text', (c) => c.notNull())
        .addColumn('ends_local', 'text', (c) => c.notNull())
        .addColumn('expected_uplift', sql`double precision`, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text')
        .addColumn('validation_run', 'integer', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text')
        .addColumn('scheduled_at', 'text')
        .addColumn('cancelled_at', 'text')
        .addColumn('ended_at', 'text')
        .execute();
      await db.schema.createIndex('promotion_status').on('promotion').columns(['status', 'created_at']).execute();
      await db.schema
        .createTable('promotion_item')
        .addColumn('promotion_id', 'text', (c) => c.notNull())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('category_id', 'text', (c) => c.notNull())
        .addColumn('brand', 'text', (c) => c.notNull())
        .addColumn('unit_cost', 'integer', (c) => c.notNull())
        .addColumn('min_margin_bp', 'integer', (c) => c.notNull())
        .addColumn('excluded', 'integer', (c) => c.notNull())
        .addColumn('margin_approved', 'integer', (c) => c.notNull())
        .addColumn('item_status', 'text', (c) => c.notNull())
        .addColumn('promotable', 'integer', (c) => c.notNull())
        .addColumn('supplier_lead_time_days', 'integer')
        .addColumn('supplier_weekly_capacity', 'integer')
        .addPrimaryKeyConstraint('promotion_item_pk', ['promotion_id', 'sku'])
        .execute();
      // The cart's question: which promotions touch these SKUs.
      await db.schema.createIndex('promotion_item_sku').on('promotion_item').columns(['sku', 'promotion_id']).execute();
      await db.schema
        .createTable('promotion_location')
        .addColumn('promotion_id', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('online', 'integer', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('live_at', 'text')
        .addColumn('ended_at', 'text')
        .addPrimaryKeyConstraint('promotion_location_pk', ['promotion_id', 'location_id'])
        .execute();
      // The clock job's questions: which windows open or close now.
      await sql`CREATE INDEX promotion_location_due_start ON promotion_location (starts_at) WHERE live_at IS NULL`.execute(db);
      await sql`CREATE INDEX promotion_location_due_end ON promotion_location (ends_at) WHERE ended_at IS NULL`.execute(db);
      await db.schema
        .createTable('promotion_item_exclusion')
        .addColumn('promotion_id', 'text', (c) => c.notNull())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('promotion_item_exclusion_pk', ['promotion_id', 'sku', 'location_id'])
        .execute();
      await addSequenceColumn(db.schema.createTable('promotion_exception'), 'seq', dialect)
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('promotion_id', 'text', (c) => c.notNull())
        .addColumn('validation_run', 'integer', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text')
        .addColumn('channel', 'text')
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('shortfall', 'integer')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('resolution', 'text')
        .addColumn('reason', 'text')
        .addColumn('resolved_by', 'text')
        .addColumn('resolved_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('promotion_exception_promotion').on('promotion_exception').columns(['promotion_id', 'status', 'seq']).execute();
      await db.schema.createIndex('promotion_exception_queue').on('promotion_exception').columns(['status', 'seq']).execute();
      await db.schema
        .createTable('price_publication')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('promotion_id', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('promotion_event', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('price_publication_promotion').on('price_publication').columns(['promotion_id', 'phase']).execute();
    },
  };
}

export function demandTablesMigration(): Migration {
  return {
    async up(db) {
      let table = db.schema.createTable('demand_baseline').addColumn('sku', 'text', (c) => c.notNull()).addColumn('location_id', 'text', (c) => c.notNull());
      for (let d = 0; d < 7; d++) table = table.addColumn(`w${d}`, 'integer', (c) => c.notNull());
      await table
        .addColumn('weeks', 'integer', (c) => c.notNull())
        .addColumn('through_date', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('demand_baseline_pk', ['sku', 'location_id'])
        .execute();
      await db.schema
        .createTable('stock_cover')
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('available', 'integer', (c) => c.notNull())
        .addColumn('inbound', 'integer', (c) => c.notNull())
        .addColumn('as_of', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('stock_cover_pk', ['sku', 'location_id'])
        .execute();
    },
  };
}

/** One table for demand and stock (see demand-tables.ts); both feeds load again into it. */
export function demandCoverMigration(): Migration {
  return {
    async up(db) {
      await db.schema.dropTable('demand_baseline').execute();
      await db.schema.dropTable('stock_cover').execute();
      let table = db.schema.createTable('demand_cover').addColumn('sku', 'text', (c) => c.notNull()).addColumn('location_id', 'text', (c) => c.notNull());
      for (let d = 0; d < 7; d++) table = table.addColumn(`w${d}`, 'integer', (c) => c.notNull());
      await table
        .addColumn('weeks', 'integer', (c) => c.notNull())
        .addColumn('through_date', 'text', (c) => c.notNull())
        .addColumn('available', 'integer', (c) => c.notNull())
        .addColumn('inbound', 'integer', (c) => c.notNull())
        .addColumn('stock_as_of', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('demand_cover_pk', ['sku', 'location_id'])
        .execute();
      await db.deleteFrom('sync_state').where('feed', 'in', ['erp.sales-history', 'graph.stock-levels']).execute();
    },
  };
}
