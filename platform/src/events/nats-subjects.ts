// How event types map onto NATS subjects and consumer filters, so the stream and typeMatches agree.

/** `inventory.stock.changed.v1` travels on `<prefix>inventory.stock.changed.v1`. */
export function subjectForType(prefix: string, type: string): string {
  assertTokens(type, 'event type');
  return prefix + type;
}

/** The subject filter for a subscription pattern: `orders.order.*` → `<prefix>orders.order.>` (any depth, as typeMatches). */
export function filterForPattern(prefix: string, pattern: string): string {
  if (pattern === '*' || pattern === '>') return `${prefix}>`;
  if (pattern.endsWith('.*')) {
    assertTokens(pattern.slice(0, -2), 'event type pattern');
    return `${prefix}${pattern.slice(0, -1)}>`;
  }
  return subjectForType(prefix, pattern);
}

/**
 * The narrowest single filter that matches every one of `filters`, for servers that take only one
 * filter per consumer (before 2.10): the common leading tokens followed by `>`.
 */
export function coveringFilter(filters: string[]): string {
  const unique = [...new Set(filters)];
  if (unique.length === 1) return unique[0]!;
  const split = unique.map((f) => f.split('.'));
  // `>` must stand for at least one token of every filter, so the prefix stops one short of the shortest.
  const limit = Math.min(...split.map((tokens) => tokens.length - 1));
  const prefix: string[] = [];
  for (let i = 0; i < limit; i++) {
    const token = split[0]![i]!;
    if (token === '>' || !split.every((tokens) => tokens[i] === token)) break;
    prefix.push(token);
  }
  return [...prefix, '>'].join('.');
}

/** Consumer names may not hold `.`, `*`, `>` or whitespace; services name consumers freely. */
export function consumerNameFor(name: string): string {
  const safe = name.replace(/[.*>\s/\\]/g, '_');
  if (!safe) throw new Error('a consumer needs a name');
  return safe;
}

function assertTokens(value: string, what: string): void {
  if (!/^[^\s.*>]+(\.[^\s.*>]+)*$/.test(value)) throw new Error(`${what} "${value}" cannot be a NATS subject`);
}
