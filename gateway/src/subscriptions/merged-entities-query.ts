// One subgraph call for several copies of an _entities fetch whose variables differ (a price per dashboard's store):
// each copy aliased, its variables renamed, so the subgraph resolves them all in one request (and one DataLoader batch).
import { Kind, OperationTypeNode, parse, print, visit, type FieldNode, type OperationDefinitionNode } from 'graphql';

/** At most this many copies in one call: a failure of the call fails every copy, and the subgraph's work grows. */
const MAX_COPIES = 100;
/** A merged text stays under this size (subgraphs refuse bodies over 1 MiB; representations come on top). */
const MAX_MERGED_CHARS = 64 * 1024;
/** Past this many cached bytes of merged texts (or fetch operations) the caches start again: they stay bounded. */
const MAX_CACHED_CHARS = 8 * 1024 * 1024;
const MAX_TEMPLATES = 1_000;

/** The response field holding copy `index`'s entities. */
export const copyAlias = (index: number): string => `_${index}`;

/** Copy `index`'s name for a variable of the fetch (no two copies' names can collide: the suffix is digits only). */
const copyVariable = (name: string, index: number): string => `${name}_${index}`;

/** The fetch operations of one data source that can be merged, and their merged texts by number of copies. */
export class EntitiesQueryMerger {
  private readonly templates = new Map<string, Template | null>();
  private readonly texts = new Map<string, string>();
  private cachedChars = 0;

  /** True when the fetch is a single `_entities` selection with no directives: what the gateway plans for entities. */
  mergeable(query: string): boolean {
    return this.template(query) !== null;
  }

  /** How many copies of `query` (mergeable) one call may carry. */
  maxCopies(query: string): number {
    return Math.max(1, Math.min(MAX_COPIES, Math.floor(MAX_MERGED_CHARS / query.length)));
  }

  /** The operation that runs `copies` copies of `query` (mergeable) at once. */
  merged(query: string, copies: number): string {
    const key = `${copies}\n${query}`;
    let text = this.texts.get(key);
    if (text === undefined) {
      text = this.template(query)!.merged(copies);
      if ((this.cachedChars += text.length) > MAX_CACHED_CHARS) {
        this.texts.clear();
        this.cachedChars = text.length;
      }
      this.texts.set(key, text);
    }
    return text;
  }

  /** The merged operation's variables: each copy's own, renamed. */
  variables(copies: readonly Record<string, unknown>[]): Record<string, unknown> {
    const merged: Record<string, unknown> = {};
    copies.forEach((variables, index) => {
      for (const [name, value] of Object.entries(variables)) merged[copyVariable(name, index)] = value;
    });
    return merged;
  }

  private template(query: string): Template | null {
    let template = this.templates.get(query);
    if (template === undefined) {
      if (this.templates.size >= MAX_TEMPLATES) this.templates.clear();
      this.templates.set(query, (template = Template.of(query)));
    }
    return template;
  }
}

class Template {
  private constructor(private readonly operation: OperationDefinitionNode) {}

  static of(query: string): Template | null {
    let document;
    try {
      document = parse(query, { noLocation: true });
    } catch {
      return null;
    }
    const [operation, ...others] = document.definitions;
    if (others.length > 0 || operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== OperationTypeNode.QUERY) return null;
    // Operation directives could name variables; copies would each need them renamed, on one operation.
    if (operation.directives?.length) return null;
    const [field, ...more] = operation.selectionSet.selections;
    if (more.length > 0 || field?.kind !== Kind.FIELD || field.name.value !== '_entities' || field.alias) return null;
    return new Template(operation);
  }

  merged(copies: number): string {
    const parts = Array.from({ length: copies }, (_, index) => this.copy(index));
    const operation: OperationDefinitionNode = {
      ...this.operation,
      variableDefinitions: parts.flatMap((part) => part.variableDefinitions ?? []),
      selectionSet: { kind: Kind.SELECTION_SET, selections: parts.flatMap((part) => part.selectionSet.selections) },
    };
    return print({ kind: Kind.DOCUMENT, definitions: [operation] });
  }

  private copy(index: number): OperationDefinitionNode {
    const renamed = visit(this.operation, {
      Variable: (node) => ({ ...node, name: { ...node.name, value: copyVariable(node.name.value, index) } }),
    });
    const field = renamed.selectionSet.selections[0] as FieldNode;
    return { ...renamed, selectionSet: { ...renamed.selectionSet, selections: [{ ...field, alias: { kind: Kind.NAME, value: copyAlias(index) } }] } };
  }
}
