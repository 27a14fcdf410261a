// A query whose shape changes only with the lengths of its lists (`in (...)`): built and compiled once per set of lengths.
import type { Compilable, Kysely } from 'kysely';
import { PreparedQuery } from './prepared-query.js';
import type { Executor } from './transaction.js';

type Lists = Record<string, readonly unknown[]>;

/** Longest list a shape is kept for: a request's lookups (a cart's SKUs, a few locations) fit; a bulk read is built each time. */
const MAX_PREPARED_LENGTH = 16;

/**
 * The lookups a request makes by a short list of keys (a cart's SKUs, the locations routing considers) are built
 * by Kysely on every call, which costs more than SQLite takes to answer them. A PreparedListQuery keeps one
 * {@link PreparedQuery} per combination of list lengths, and builds a longer list's query the ordinary way.
 *
 * `build` gets placeholders for `values` and for each list's items when it prepares a shape, and the caller's own
 * values when it builds a long list's query: as with PreparedQuery, use them only as values, never to decide the
 * query's shape (which may change only with the lists' lengths).
 */
export class PreparedListQuery<DB, V extends object, L extends Lists, R> {
  private readonly byShape = new Map<string, PreparedQuery<DB, Record<string, unknown>, R>>();

  constructor(private readonly build: (db: Kysely<DB>, values: V, lists: L) => Compilable<R>) {}

  async rows(db: Executor<DB>, values: V, lists: L): Promise<R[]> {
    const names = Object.keys(lists).sort();
    if (names.some((name) => lists[name]!.length > MAX_PREPARED_LENGTH)) return (await db.executeQuery(this.build(db, values, lists))).rows;
    const shape = names.map((name) => `${name}:${lists[name]!.length}`).join(',');
    let prepared = this.byShape.get(shape);
    if (!prepared) {
      const lengths = names.map((name) => [name, lists[name]!.length] as const);
      prepared = new PreparedQuery<DB, Record<string, unknown>, R>((kysely, slots) =>
        this.build(kysely, slots as V, Object.fromEntries(lengths.map(([name, length]) => [name, Array.from({ length }, (_, i) => slots[itemName(name, i)])])) as unknown as L),
      );
      this.byShape.set(shape, prepared);
    }
    const flat: Record<string, unknown> = { ...(values as Record<string, unknown>) };
    for (const name of names) lists[name]!.forEach((item, i) => (flat[itemName(name, i)] = item));
    return (await prepared.run(db, flat)).rows;
  }
}

/** A list item's placeholder name: cannot collide with a value's, which is a plain identifier. */
function itemName(list: string, index: number): string {
  return `${list}[${index}]`;
}
