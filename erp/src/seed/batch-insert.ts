// Multi-row INSERT for the bulk tables: one statement call per batch of rows instead of one per row.
import type { Database, Statement } from 'better-sqlite3';

/** Rows per statement: past ~64 the gain flattens while the bind array keeps growing. */
const DEFAULT_ROWS_PER_BATCH = 64;

/**
 * Collects rows and writes them `rowsPerBatch` at a time through a prepared `INSERT ... VALUES (...), (...)`;
 * crossing from JS into SQLite once per row is about half the cost of a bulk load. Call `flush()` before the
 * surrounding transaction commits. `rowTemplate` is one row's placeholder list, e.g. "(?, ?, 0)".
 * Bound Buffers must not be reused until flushed (they are read at flush, not at add).
 */
export class BatchInsert {
  private readonly full: Statement;
  private readonly single: Statement;
  private readonly pending: unknown[];
  private filled = 0;

  constructor(
    sqlite: Database, insertInto: string, rowTemplate: string, private readonly paramsPerRow: number,
    readonly rowsPerBatch = DEFAULT_ROWS_PER_BATCH,
  ) {
    this.full = sqlite.prepare(`${insertInto} VALUES ${Array.from({ length: rowsPerBatch }, () => rowTemplate).join(', ')}`);
    this.single = sqlite.prepare(`${insertInto} VALUES ${rowTemplate}`);
    this.pending = new Array(rowsPerBatch * paramsPerRow);
  }

  /** Index (0..rowsPerBatch-1) of the next row within its batch: lets callers rotate per-row buffers. */
  get slot(): number {
    return this.filled / this.paramsPerRow;
  }

  add(...values: unknown[]): void {
    for (let i = 0; i < values.length; i++) this.pending[this.filled++] = values[i];
    if (this.filled === this.pending.length) {
      this.full.run(this.pending);
      this.filled = 0;
    }
  }

  /** Writes the rows of a partial batch one by one. */
  flush(): void {
    for (let start = 0; start < this.filled; start += this.paramsPerRow) {
      this.single.run(this.pending.slice(start, start + this.paramsPerRow));
    }
    this.filled = 0;
  }
}
