// Column types that differ between SQLite and PostgreSQL, so migrations read the same on both.
import type { CreateTableBuilder } from 'kysely';
import type { Dialect } from './store-config.js';

/** An auto-incrementing integer primary key (a monotonic sequence, e.g. outbox order). */
export function addSequenceColumn<T extends string>(table: CreateTableBuilder<T, never>, name: string, dialect: Dialect) {
  return dialect === 'sqlite'
    ? table.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement())
    : table.addColumn(name, 'bigserial', (c) => c.primaryKey());
}

/** Integers that can exceed 2^31 (money sums, sequence numbers). */
export const bigIntType = 'bigint' as const;
