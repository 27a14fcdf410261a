// A deep copy of a JSON value, such as a subgraph's answer.

/**
 * Several times cheaper than structuredClone on Node 20 (which goes through the messaging layer). A key named
 * `__proto__` (a client may alias a field so) is defined as an own field, as JSON.parse makes it, not assigned:
 * assigning would set the copy's prototype and lose the field.
 */
export function copyJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => copyJson(item)) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = copyJson((value as Record<string, unknown>)[key]);
    if (key === '__proto__') Object.defineProperty(copy, key, { value: field, enumerable: true, writable: true, configurable: true });
    else copy[key] = field;
  }
  return copy as T;
}
