// Inserts many rows given as columns in a few statements per dialect: one JSON parameter (SQLite) or one array per column (PostgreSQL).
import { sql, type RawBuilder } from 'kysely';
import type { Dialect, Executor } from '@retail-hub/platform';

export type BulkColumnType = 'text' | 'integer' | 'real';

export type BulkColumn = {
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

function valueAt(column: BulkColumn, row: number): string | number | null {
  return 'value' in column ? column.value : (column.values[row] ?? null);
}

/** Rows per statement: keeps a statement's parameter a few MB. */
const CHUNK = 20_000;

const PG_ARRAY: Record<BulkColumnType, string> = { text: 'text[]', integer: 'int8[]', real: 'float8[]' };

/**
 * Building a million rows of bound values through the query builder costs several times what the database
 * spends inserting them; here a chunk is one parameter the database unpacks itself (json_each / unnest).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any service's tables
export async function bulkInsert(db: Executor<any>, dialect: Dialect, table: string, columns: BulkColumn[], rowCount: number): Promise<void> {
  const names = sql.join(columns.map((c) => sql.ref(c.name)));
  for (let from = 0; from < rowCount; from += CHUNK) {
    const to = Math.min(rowCount, from + CHUNK);
    const source: RawBuilder<unknown> = dialect === 'sqlite' ? sqliteRows(columns, from, to) : postgresRows(columns, from, to);
    await sql`insert into ${sql.table(table)} (${names}) ${source}`.execute(db);
  }
}

function sqliteRows(columns: BulkColumn[], from: number, to: number): RawBuilder<unknown> {
  const rows: string[] = [];
  for (let r = from; r < to; r++) {
    const values: string[] = [];
    for (const column of columns) {
      const value = valueAt(column, r);
      values.push(value === null ? 'null' : column.type === 'text' ? JSON.stringify(value) : String(value));
    }
    rows.push(`[${values.join(',')}]`);
  }
  const picks = sql.join(columns.map((_, i) => sql.raw(`value ->> ${i}`)));
  return sql`select ${picks} from json_each(${`[${rows.join(',')}]`})`;
}

function postgresRows(columns: BulkColumn[], from: number, to: number): RawBuilder<unknown> {
  const arrays = columns.map((column) => {
    const slice: (string | number | null)[] = new Array(to - from);
    for (let r = from; r < to; r++) slice[r - from] = valueAt(column, r);
    return sql`${slice}::${sql.raw(PG_ARRAY[column.type])}`;
  });
  return sql`select * from unnest(${sql.join(arrays)})`;
}
