// Column types that differ between SQLite and PostgreSQL, so migrations read the same on both.
import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder } from 'kysely';
import type { Dialect } from './store-config.js';

/** An auto-incrementing integer primary key (a monotonic sequence, e.g. outbox order). */
export function addSequenceColumn<T extends string>(table: CreateTableBuilder<T, any>, name: string, dialect: Dialect) {
  return dialect === 'sqlite'
    ? table.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement())
    : table.addColumn(name, 'bigserial', (c) => c.primaryKey());
}

/** Binary data: BLOB on SQLite, BYTEA on PostgreSQL. */
export function binaryType(dialect: Dialect) {
  return dialect === 'sqlite' ? sql`blob` : sql`bytea`;
}

/** Integers that can exceed 2^31 (money sums, sequence numbers). */
export const bigIntType = 'bigint' as const;

export type ColumnBuilder = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
