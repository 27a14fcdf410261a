// Runs a service's migrations on start; each service lists its own, in order, as plain functions.
import { Migrator, type Migration } from 'kysely';
import type { AnyKysely } from './transaction.js';
import type { Dialect } from './store-config.js';

export type MigrationList = Record<string, (dialect: Dialect) => Migration>;

export async function migrateToLatest(db: AnyKysely, dialect: Dialect, migrations: MigrationList, tableName = 'kysely_migration'): Promise<void> {
  const migrator = new Migrator({
    db,
    migrationTableName: tableName,
    migrationLockTableName: `${tableName}_lock`,
    provider: {
      getMigrations: async () =>
        Object.fromEntries(Object.entries(migrations).map(([name, make]) => [name, make(dialect)])),
    },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${(error as Error)?.message ?? 'unknown error'}`, { cause: error });
  }
}
