// Runs a lookup by many keys in slices, so an `in (...)` list stays under the databases' parameter limits.
const CHUNK = 500;

export async function inChunks<K, R>(keys: readonly K[], lookup: (part: K[]) => Promise<R[]>): Promise<R[]> {
  const unique = [...new Set(keys)];
  const rows: R[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) rows.push(...(await lookup(unique.slice(i, i + CHUNK))));
  return rows;
}
