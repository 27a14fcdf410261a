// The actual cost of an answered operation: the same rules as the estimate, counted over what really came back.
import { getNamedType, isCompositeType, type DocumentNode, type GraphQLCompositeType, type GraphQLField, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { WalkBudget, fragmentsOf, selectedFields, type FragmentMap } from '../operation/selection-fields.js';
import { rootTypeOf } from '../operation/walk-operation.js';
import type { CostModel } from './cost-model.js';

export function actualCost(
  model: CostModel,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  data: Record<string, unknown> | null | undefined,
): number {
  const root = rootTypeOf(schema, operation);
  if (!root || !data) return 0;
  // The response is already bounded by the estimate; the budget only guards against a pathological document.
  const context = { model, schema, fragments: fragmentsOf(document.definitions), budget: new WalkBudget(1_000_000) };
  return objectCost(context, operation.selectionSet, root, data, operation.operation === 'mutation');
}

interface Context {
  model: CostModel;
  schema: GraphQLSchema;
  fragments: FragmentMap;
  budget: WalkBudget;
}

function objectCost(c: Context, set: SelectionSetNode, type: GraphQLCompositeType, object: Record<string, unknown>, mutationRoot: boolean): number {
  let total = 0;
  for (const { node, parentType } of selectedFields(c.schema, set, type, c.fragments, c.budget)) {
    if (node.name.value.startsWith('__') || !('getFields' in parentType)) continue;
    const field = (parentType.getFields() as Record<string, GraphQLField<unknown, unknown>>)[node.name.value];
    const value = object[node.alias?.value ?? node.name.value];
    // A fragment on another concrete type, or a field that errored: nothing came back for it.
    if (!field || value === undefined) continue;
    total += c.model.argumentsCost(parentType.name, field, node) + (mutationRoot ? c.model.settings.mutationCost : 0);
    total += valueCost(c, node.selectionSet, parentType.name, field, value);
  }
  return total;
}

function valueCost(c: Context, set: SelectionSetNode | undefined, parentTypeName: string, field: GraphQLField<unknown, unknown>, value: unknown): number {
  if (value === null) return 0;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + valueCost(c, set, parentTypeName, field, item), 0);
  const named = getNamedType(field.type);
  const base = c.model.baseCost(parentTypeName, field);
  if (!set || !isCompositeType(named) || typeof value !== 'object') return base;
  return base + objectCost(c, set, named, value as Record<string, unknown>, false);
}
