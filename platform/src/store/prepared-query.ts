// A query built and compiled once per store, then run with new values: for the statements every order runs several times.
import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Executor } from './transaction.js';

/** Stands in for a value while the query is built; each run puts the caller's value in its place. */
class Slot {
  constructor(readonly name: string) {}
}

interface Compiled<R> {
  query: CompiledQuery<R>;
  /** The compiled parameters: a Slot where a run's value goes, anything else a constant of the query. */
  parameters: readonly unknown[];
}

/**
 * Kysely builds and compiles its operation tree on every call; for a short statement that costs more than
 * SQLite takes to run it. A PreparedQuery builds once, with placeholders for the values, and reuses the SQL.
 *
 * `build` gets an object whose every property is a placeholder: use them only as values (a comparison's
 * right-hand side, a column's new value), never to decide the query's shape (an `in` list, an optional
 * `where`), which is fixed at the first run. A value may appear more than once.
 */
export class PreparedQuery<DB, V extends object, R> {
  /** By the store's dialect adapter, which a Kysely instance shares with its transactions: one entry per store. */
  private readonly compiled = new WeakMap<object, Compiled<R>>();

  constructor(private readonly build: (db: Kysely<DB>, values: V) => Compilable<R>) {}

  run(db: Executor<DB>, values: V): Promise<QueryResult<R>> {
    const executor = db.getExecutor();
    let compiled = this.compiled.get(executor.adapter);
    if (!compiled) {
      const slots = new Proxy({}, { get: (_, name) => new Slot(String(name)) }) as V;
      const query = this.build(db, slots).compile();
      compiled = { query, parameters: query.parameters };
      this.compiled.set(executor.adapter, compiled);
    }
    const parameters = compiled.parameters.map((p) => (p instanceof Slot ? valueOf(values, p.name) : p));
    // A query id of its own per run, as Kysely gives every query: plugins key their per-query state by it.
    return db.executeQuery({ ...compiled.query, queryId: { queryId: '' }, parameters });
  }

  /** The first row, if any. */
  async first(db: Executor<DB>, values: V): Promise<R | undefined> {
    return (await this.run(db, values)).rows[0];
  }

  /** Rows inserted, updated or deleted. */
  async affected(db: Executor<DB>, values: V): Promise<number> {
    return Number((await this.run(db, values)).numAffectedRows ?? 0);
  }
}

function valueOf(values: object, name: string): unknown {
  const value = (values as Record<string, unknown>)[name];
  // Kysely leaves a column out for undefined; a compiled statement cannot, so a missing value is a mistake here.
  if (value === undefined) throw new Error(`PreparedQuery: no value for "${name}"`);
  return value;
}
