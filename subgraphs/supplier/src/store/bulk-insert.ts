// Inserts many rows given as columns in few statements: multi-row VALUES on SQLite, one array per column (unnest) on PostgreSQL.
import { CompiledQuery } from 'kysely';
import type { Dialect, Executor } from '@retail-hub/platform';

export type BulkColumnType = 'text' | 'integer' | 'real';

export type BulkColumn = {
  /** A column name of the table (from code, never from input). */
  name: string;
  type: BulkColumnType;
} & (
  | {
      /** One value per row (null allowed). */
      values: ArrayLike<string | number | null>;
    }
  | {
      /** The same value on every row. */
      value: string | number;
    }
);

/** SQLite binds at most 32,766 parameters a statement. */
const SQLITE_MAX_PARAMETERS = 32_766;
/** Rows per PostgreSQL statement: a few MB of arrays. */
const POSTGRES_ROWS = 20_000;
const PG_ARRAY: Record<BulkColumnType, string> = { text: 'text[]', integer: 'int8[]', real: 'float8[]' };

function valueAt(column: BulkColumn, row: number): string | number | null {
  return 'value' in column ? column.value : (column.values[row] ?? null);
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * The statements are built as text with parameters and run as compiled queries: building a million rows of bound
 * values through the query builder costs several times what the database spends inserting them (measured in
 * BENCHMARKS.md, replenishment). SQLite takes plain multi-row VALUES fastest (its JSON functions were 3-4x slower);
 * PostgreSQL takes one array parameter per column, unnested.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any service's tables
export async function bulkInsert(db: Executor<any>, dialect: Dialect, table: string, columns: BulkColumn[], rowCount: number): Promise<void> {
  const head = `insert into ${quote(table)} (${columns.map((c) => quote(c.name)).join(', ')}) `;
  if (dialect === 'sqlite') {
    const perStatement = Math.min(2_000, Math.floor(SQLITE_MAX_PARAMETERS / columns.length));
    const tuple = `(${columns.map(() => '?').join(',')})`;
    const text = (rows: number) => `${head}values ${new Array(rows).fill(tuple).join(',')}`;
    const full = text(perStatement);
    for (let from = 0; from < rowCount; from += perStatement) {
      const rows = Math.min(perStatement, rowCount - from);
      const params: (string | number | null)[] = new Array(rows * columns.length);
      let k = 0;
      for (let r = from; r < from + rows; r++) for (const column of columns) params[k++] = valueAt(column, r);
      await db.executeQuery(CompiledQuery.raw(rows === perStatement ? full : text(rows), params));
    }
    return;
  }
  const unnest = `${head}select * from unnest(${columns.map((c, i) => `$${i + 1}::${PG_ARRAY[c.type]}`).join(', ')})`;
  for (let from = 0; from < rowCount; from += POSTGRES_ROWS) {
    const to = Math.min(rowCount, from + POSTGRES_ROWS);
    const arrays = columns.map((column) => {
      const slice: (string | number | null)[] = new Array(to - from);
      for (let r = from; r < to; r++) slice[r - from] = valueAt(column, r);
      return slice;
    });
    await db.executeQuery(CompiledQuery.raw(unnest, arrays));
  }
}
