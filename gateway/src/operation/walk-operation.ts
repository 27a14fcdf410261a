// Visits every field an operation selects, fragments expanded, with its response path and depth: the pre-execution view.
import {
  getNamedType,
  isCompositeType,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { WalkBudget} from './selection-fields.js';
import { fragmentsOf, selectedFields, type FragmentMap } from './selection-fields.js';

export interface FieldVisit {
  node: FieldNode;
  parentType: GraphQLCompositeType;
  /** Null for meta fields (__typename, __schema, __type). */
  field: GraphQLField<unknown, unknown> | null;
  /** Response keys from the operation root to this field (list levels are not indexed: this is before execution). */
  path: readonly string[];
  /** The declared type of each field on the path (for nullability and list levels); the last is this field's. */
  types: readonly GraphQLOutputType[];
  /** 1 for a root field. */
  depth: number;
}

/** Return false to not descend into the field's selections. */
export type FieldVisitor = (visit: FieldVisit) => boolean | void;

export function rootTypeOf(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLCompositeType | null {
  return (operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType()) ?? null;
}

export function walkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  visitor: FieldVisitor,
  budget: WalkBudget,
): void {
  const root = rootTypeOf(schema, operation);
  if (!root) return;
  const fragments = fragmentsOf(document.definitions);
  walk(schema, operation.selectionSet, root, fragments, [], [], 1, visitor, budget);
}

function walk(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType,
  fragments: FragmentMap,
  path: readonly string[],
  types: readonly GraphQLOutputType[],
  depth: number,
  visitor: FieldVisitor,
  budget: WalkBudget,
): void {
  for (const { node, parentType: type } of selectedFields(schema, selectionSet, parentType, fragments, budget)) {
    const name = node.name.value;
    const field = name.startsWith('__') || !('getFields' in type) ? null : ((type.getFields() as Record<string, GraphQLField<unknown, unknown>>)[name] ?? null);
    const fieldPath = [...path, node.alias?.value ?? name];
    const fieldTypes = field ? [...types, field.type] : types;
    if (visitor({ node, parentType: type, field, path: fieldPath, types: fieldTypes, depth }) === false) continue;
    if (!node.selectionSet || !field) continue;
    const named = getNamedType(field.type);
    if (isCompositeType(named)) walk(schema, node.selectionSet, named, fragments, fieldPath, fieldTypes, depth + 1, visitor, budget);
  }
}
