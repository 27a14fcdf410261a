// Migrations of the gateway's key store, run on gateway start and by `npm run keys`.
import type { MigrationList } from '@retail-hub/platform';

export const keyStoreMigrations: MigrationList = {
  '001_api_key': () => ({
    async up(db) {
      await db.schema
        .createTable('api_key')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('partner', 'text')
        .addColumn('safelist_only', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_cost', 'integer', (c) => c.notNull())
        .addColumn('bucket_capacity', 'integer', (c) => c.notNull())
        .addColumn('restore_rate', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
    },
  }),
};
