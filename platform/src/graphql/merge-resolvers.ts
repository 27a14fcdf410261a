// Merges resolver maps type by type, so several files can each add fields to Query or Mutation.

type ResolverMap = Record<string, unknown>;

/** Later maps add fields to (or replace fields of) the same types in earlier ones; scalars and other values are taken as given. */
export function mergeResolverMaps(...maps: ResolverMap[]): ResolverMap {
  const merged: ResolverMap = {};
  for (const map of maps) {
    for (const [type, value] of Object.entries(map)) {
      const existing = merged[type];
      merged[type] = isPlainObject(existing) && isPlainObject(value) ? { ...existing, ...value } : value;
    }
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
