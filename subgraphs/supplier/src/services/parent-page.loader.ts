// A DataLoader for a paged list field on many parents (Supplier.items...): parents asking for the same page share one query.
import DataLoader from 'dataloader';
import type { Connection } from '@retail-hub/platform';

export interface ParentPageKey {
  parentId: string;
  first?: number | null;
  after?: string | null;
}

export interface ParentPageLoaderOptions<K extends ParentPageKey, T> {
  /** What makes two keys ask for the same page (everything but the parent). */
  pageArgs: (key: K) => string;
  /** Loads the page of every parent in `parentIds` for the arguments of `sample`. */
  loadPages: (parentIds: string[], sample: K) => Promise<Map<string, Connection<T>>>;
}

export function createParentPageLoader<K extends ParentPageKey, T>(options: ParentPageLoaderOptions<K, T>) {
  return new DataLoader<K, Connection<T>, string>(
    async (keys) => {
      const groups = new Map<string, K[]>();
      for (const key of keys) {
        const args = options.pageArgs(key);
        groups.set(args, [...(groups.get(args) ?? []), key]);
      }
      const results = new Map<K, Connection<T> | Error>();
      for (const group of groups.values()) {
        try {
          const pages = await options.loadPages([...new Set(group.map((k) => k.parentId))], group[0]!);
          for (const key of group) results.set(key, pages.get(key.parentId)!);
        } catch (error) {
          // Bad arguments (a malformed cursor) fail only the fields that passed them.
          for (const key of group) results.set(key, error as Error);
        }
      }
      return keys.map((key) => results.get(key)!);
    },
    { cacheKeyFn: (key) => `${key.parentId}|${options.pageArgs(key)}` },
  );
}

/** Splits rows fetched for many parents into one list per parent. */
export function byParent<R>(rows: readonly R[], parentOf: (row: R) => string): Map<string, R[]> {
  const lists = new Map<string, R[]>();
  for (const row of rows) {
    const parent = parentOf(row);
    const list = lists.get(parent) ?? [];
    list.push(row);
    lists.set(parent, list);
  }
  return lists;
}

/** A totalCount thunk per parent that runs one count query for the whole group, and only if asked. */
export function sharedCounts(count: () => Promise<Map<string, number>>): (parentId: string) => () => Promise<number> {
  let counts: Promise<Map<string, number>> | null = null;
  return (parentId) => async () => (await (counts ??= count())).get(parentId) ?? 0;
}
