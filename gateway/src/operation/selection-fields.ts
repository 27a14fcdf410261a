// Flattens one selection set into its fields (through inline fragments and fragment spreads), on a shared work budget.
import {
  GraphQLError,
  Kind,
  isCompositeType,
  typeFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type NamedTypeNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * Counts the field selections visited across a whole analysis. Fragments are expanded where they are
 * spread, so a small document can stand for an enormous operation (fragments spreading fragments);
 * the budget stops the analysis itself from becoming the attack.
 */
export class WalkBudget {
  private used = 0;

  constructor(readonly max: number) {}

  spend(): void {
    if (++this.used > this.max) {
      throw new GraphQLError(`The operation expands to more than ${this.max} field selections`, {
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'maxSelections', max: this.max, http: { status: 400 } },
      });
    }
  }
}

export interface SelectedField {
  node: FieldNode;
  /** The type the field is selected on: the fragment's type condition when there is one. */
  parentType: GraphQLCompositeType;
}

export type FragmentMap = ReadonlyMap<string, FragmentDefinitionNode>;

export function fragmentsOf(definitions: readonly { kind: Kind }[]): FragmentMap {
  return new Map(
    definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
}

export function selectedFields(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType,
  fragments: FragmentMap,
  budget: WalkBudget,
): SelectedField[] {
  const out: SelectedField[] = [];
  const collect = (set: SelectionSetNode, type: GraphQLCompositeType) => {
    for (const selection of set.selections) {
      budget.spend();
      if (selection.kind === Kind.FIELD) {
        out.push({ node: selection, parentType: type });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet, conditionType(schema, selection.typeCondition, type));
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet, conditionType(schema, fragment.typeCondition, type));
      }
    }
  };
  collect(selectionSet, parentType);
  return out;
}

function conditionType(schema: GraphQLSchema, condition: NamedTypeNode | undefined, fallback: GraphQLCompositeType): GraphQLCompositeType {
  if (!condition) return fallback;
  const type = typeFromAST(schema, condition);
  return type && isCompositeType(type) ? type : fallback;
}
