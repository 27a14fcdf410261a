// One subgraph call for several copies of an _entities fetch whose variables differ (a price per dashboard's store):
// each copy aliased, its variables renamed, so the subgraph resolves them all in one request (and one DataLoader batch).
import { Kind, OperationTypeNode, parse, print, visit, type FieldNode, type OperationDefinitionNode } from 'graphql';

/** Past this many copies a call is split: the merged text grows with each copy. */
export const MAX_COPIES = 100;

/** The response field holding copy `index`'s entities. */
export const copyAlias = (index: number): string => `_${index}`;

/** Copy `index`'s name for a variable of the fetch (no two copies' names can collide: the suffix is digits only). */
const copyVariable = (name: string, index: number): string => `${name}_${index}`;

/** The fetch operations of one data source that can be merged, and their merged texts by number of copies. */
export class EntitiesQueryMerger {
  private readonly templates = new Map<string, Template | null>();

  /** True when the fetch is a single `_entities` selection, which is what the gateway plans for entity fetches. */
  mergeable(query: string): boolean {
    return this.template(query) !== null;
  }

  /** The operation that runs `copies` copies of `query` (mergeable) at once. */
  merged(query: string, copies: number): string {
    return this.template(query)!.merged(copies);
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
    if (template === undefined) this.templates.set(query, (template = Template.of(query)));
    return template;
  }
}

class Template {
  private readonly texts = new Map<number, string>();

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
    const [field, ...more] = operation.selectionSet.selections;
    if (more.length > 0 || field?.kind !== Kind.FIELD || field.name.value !== '_entities' || field.alias) return null;
    return new Template(operation);
  }

  merged(copies: number): string {
    let text = this.texts.get(copies);
    if (text === undefined) {
      const parts = Array.from({ length: copies }, (_, index) => this.copy(index));
      const operation: OperationDefinitionNode = {
        ...this.operation,
        variableDefinitions: parts.flatMap((part) => part.variableDefinitions ?? []),
        selectionSet: { kind: Kind.SELECTION_SET, selections: parts.flatMap((part) => part.selectionSet.selections) },
      };
      this.texts.set(copies, (text = print({ kind: Kind.DOCUMENT, definitions: [operation] })));
    }
    return text;
  }

  private copy(index: number): OperationDefinitionNode {
    const renamed = visit(this.operation, {
      Variable: (node) => ({ ...node, name: { ...node.name, value: copyVariable(node.name.value, index) } }),
    });
    const field = renamed.selectionSet.selections[0] as FieldNode;
    return { ...renamed, selectionSet: { ...renamed.selectionSet, selections: [{ ...field, alias: { kind: Kind.NAME, value: copyAlias(index) } }] } };
  }
}
