// The requested cost of an operation, before it runs: every field's cost times the assumed sizes of the lists around it.
import { getNamedType, isCompositeType, isListType, isNonNullType, type DocumentNode, type GraphQLCompositeType, type GraphQLField, type GraphQLOutputType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { WalkBudget} from '../operation/selection-fields.js';
import { fragmentsOf, selectedFields, type FragmentMap } from '../operation/selection-fields.js';
import { rootTypeOf } from '../operation/walk-operation.js';
import type { CostModel, SizedFields } from './cost-model.js';

export function estimateCost(
  model: CostModel,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  budget: WalkBudget,
): number {
  const root = rootTypeOf(schema, operation);
  if (!root) return 0;
  const context = { model, schema, fragments: fragmentsOf(document.definitions), variables, budget };
  const cost = selectionCost(context, operation.selectionSet, root, null, operation.operation === 'mutation');
  return Math.ceil(cost);
}

interface Context {
  model: CostModel;
  schema: GraphQLSchema;
  fragments: FragmentMap;
  variables: Record<string, unknown>;
  budget: WalkBudget;
}

function selectionCost(c: Context, set: SelectionSetNode, parentType: GraphQLCompositeType, sized: SizedFields | null, mutationRoot: boolean): number {
  let total = 0;
  for (const { node, parentType: type } of selectedFields(c.schema, set, parentType, c.fragments, c.budget)) {
    if (node.name.value.startsWith('__') || !('getFields' in type)) continue;
    const field = (type.getFields() as Record<string, GraphQLField<unknown, unknown>>)[node.name.value];
    if (!field) continue;
    const named = getNamedType(field.type);
    let perItem = c.model.baseCost(type.name, field) + (mutationRoot ? c.model.settings.mutationCost : 0);
    if (node.selectionSet && isCompositeType(named)) {
      perItem += selectionCost(c, node.selectionSet, named, c.model.sizedFieldsOf(type.name, field, node, c.variables), false);
    }
    total += c.model.argumentsCost(type.name, field, node) + perItem * listFactor(c, field.type, () => c.model.listSize(type.name, field, node, c.variables, sized));
  }
  return total;
}

// Nested lists ([[X]]) multiply; only the outer list's size is known from arguments, inner ones take the default.
function listFactor(c: Context, type: GraphQLOutputType, outerSize: () => number): number {
  let factor = 1;
  let first = true;
  let t: GraphQLOutputType = type;
  for (;;) {
    if (isNonNullType(t)) t = t.ofType;
    else if (isListType(t)) {
      factor *= first ? outerSize() : c.model.settings.defaultListSize;
      first = false;
      t = t.ofType as GraphQLOutputType;
    } else return factor;
  }
}
