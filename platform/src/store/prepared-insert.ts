// Inserts of a few rows that every order makes, compiled once per shape instead of on every call.
import type { Compilable, Insertable, InsertQueryBuilder, InsertResult, Kysely, QueryResult } from 'kysely';
import { PreparedQuery } from './prepared-query.js';
import type { Executor } from './transaction.js';

type Row = Record<string, unknown>;
type Insert<DB, T extends keyof DB & string> = InsertQueryBuilder<DB, T, InsertResult>;

/** Calls with more rows go through Kysely as they are: they are rare, and each row count is a shape of its own. */
const MAX_PREPARED_ROWS = 16;

/**
 * An insert into one table, compiled once for each shape it is run with (which columns, how many rows), then run
 * with new values: PreparedQuery for inserts whose row count varies (an order's lines, its events). Every row of one
 * call must give the same columns, a value of undefined counting as not given; a call whose rows differ, or that has
 * more than 16 rows, is built by Kysely as usual.
 */
export class PreparedInsert<DB, T extends keyof DB & string> {
  private readonly shapes = new Map<string, PreparedQuery<DB, unknown[], unknown>>();

  /** @param finish adds what follows the values (an `on conflict` clause), the same for every shape. */
  constructor(
    private readonly table: T,
    private readonly finish: (insert: Insert<DB, T>) => Compilable<unknown> = (insert) => insert,
  ) {}

  async run(db: Executor<DB>, rows: readonly Insertable<DB[T]>[]): Promise<QueryResult<unknown>> {
    const given = rows as readonly Row[];
    const columns = given.length > 0 && given.length <= MAX_PREPARED_ROWS ? sharedColumns(given) : null;
    if (!columns) return db.executeQuery(this.finish(this.insertOf(db, given)).compile());
    const values: unknown[] = [];
    for (const row of given) for (const column of columns) values.push(row[column]);
    return this.shapeOf(given.length, columns).run(db, values);
  }

  /** Rows inserted (an `on conflict do nothing` leaves out the rows that were there). */
  async inserted(db: Executor<DB>, rows: readonly Insertable<DB[T]>[]): Promise<number> {
    return Number((await this.run(db, rows)).numAffectedRows ?? 0);
  }

  private shapeOf(count: number, columns: readonly string[]): PreparedQuery<DB, unknown[], unknown> {
    const key = `${count}:${columns.join(',')}`;
    let query = this.shapes.get(key);
    if (!query) {
      // Each value's placeholder is named by its place in the flat list run() passes: row by row, column by column.
      query = new PreparedQuery((kdb: Kysely<DB>, v: unknown[]) =>
        this.finish(this.insertOf(kdb, Array.from({ length: count }, (_, i) => Object.fromEntries(columns.map((c, j) => [c, v[i * columns.length + j]]))))),
      );
      this.shapes.set(key, query);
    }
    return query;
  }

  /** Kysely's builder for `rows`, typed as the table's: run() took them as Insertable rows of it. */
  private insertOf(db: Executor<DB> | Kysely<DB>, rows: readonly Row[]): Insert<DB, T> {
    return (db as unknown as Kysely<Row>).insertInto(this.table).values(rows as Row[]) as unknown as Insert<DB, T>;
  }
}

/**
 * The columns every row gives a plain value for, in the first row's order; null when the rows differ, or when a value
 * is an expression (a `sql` fragment, a callback), which Kysely writes into the statement rather than binding.
 */
function sharedColumns(rows: readonly Row[]): string[] | null {
  const columns = Object.keys(rows[0]!).filter((c) => rows[0]![c] !== undefined);
  for (const row of rows) {
    let count = 0;
    for (const key in row) {
      const value = row[key];
      if (value === undefined) continue;
      if (typeof value === 'function' || (typeof value === 'object' && value !== null && 'toOperationNode' in value)) return null;
      count++;
    }
    if (count !== columns.length || columns.some((c) => row[c] === undefined)) return null;
  }
  return columns;
}
