// Rewrites an operation without the refused fields, so the query planner never plans them and no subgraph is asked.
import { Kind, visit, type DocumentNode, type FieldNode, type SelectionSetNode } from 'graphql';

/**
 * Stands in for a selection set left empty (an empty one is not valid GraphQL); `__typename` is answered
 * by the gateway itself, and the key is removed from the response again.
 */
export const PLACEHOLDER_KEY = 'hubRemovedForAuthorization';

const PLACEHOLDER: FieldNode = { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: PLACEHOLDER_KEY }, name: { kind: Kind.NAME, value: '__typename' } };

/** A new document; the input (shared with Apollo's document cache) is never changed. */
export function removeFields(document: DocumentNode, refused: ReadonlySet<FieldNode>): DocumentNode {
  return visit(document, {
    Field: { enter: (node) => (refused.has(node) ? null : undefined) },
    SelectionSet: {
      leave: (node): SelectionSetNode | undefined => (node.selections.length === 0 ? { ...node, selections: [PLACEHOLDER] } : undefined),
    },
  });
}

/** Drops the placeholder keys from a response's data, wherever they ended up. */
export function stripPlaceholders(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) stripPlaceholders(item);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    delete record[PLACEHOLDER_KEY];
    for (const child of Object.values(record)) stripPlaceholders(child);
  }
}
