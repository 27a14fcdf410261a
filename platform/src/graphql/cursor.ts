// Opaque pagination cursors and the connection shape (nodes, edges, pageInfo, totalCount) lists return.
import { badUserInput } from '../errors/hub-errors.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor with `arity` values; anything else is a BAD_USER_INPUT on `field`. */
export function decodeCursor(cursor: string, field = 'after', arity = 1): (string | number)[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values;
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput(field, 'is not a cursor this API returned');
}

export function pageSize(first: number | null | undefined, field = 'first', max = MAX_PAGE_SIZE): number {
  const n = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(n) || n < 1 || n > max) throw badUserInput(field, `must be between 1 and ${max}`);
  return n;
}

export interface Connection<T> {
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** A thunk: GraphQL's default resolver only calls it when a client asks for totalCount. */
  totalCount: () => Promise<number>;
}

/** Builds a connection from `first + 1` fetched rows (the extra row only tells whether a next page exists). */
export function toConnection<T>(rows: T[], first: number, cursorOf: (row: T) => (string | number)[], totalCount: () => Promise<number>, hasPrevious = false): Connection<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return {
    nodes,
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}
