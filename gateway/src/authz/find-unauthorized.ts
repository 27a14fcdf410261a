// Finds the fields of an operation the caller may not read, before anything runs.
import { getNamedType, type DocumentNode, type FieldNode, type GraphQLOutputType, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Claims } from '@retail-hub/platform';
import type { AccessPolicy, SchemaPolicies } from '../supergraph/schema-policies.js';
import type { WalkBudget } from '../operation/selection-fields.js';
import { walkOperation } from '../operation/walk-operation.js';
import { describeRequirement, satisfies } from './access-check.js';

export interface UnauthorizedField {
  node: FieldNode;
  /** `Type.field`. */
  coordinate: string;
  path: readonly string[];
  /** Declared types along the path, for nulling the field (and what its nullability forces) in the response. */
  types: readonly GraphQLOutputType[];
  /** What would have granted it, for the error message. */
  needs: string;
}

/**
 * A field is readable when the caller meets the field's own policy, its parent type's and its return
 * type's: so a type's rule holds wherever it is reached, including through fragments on it. The
 * subtree under a refused field is not looked at: it will not run.
 */
export function findUnauthorized(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  policies: SchemaPolicies,
  claims: Claims,
  budget: WalkBudget,
): UnauthorizedField[] {
  const refused: UnauthorizedField[] = [];
  walkOperation(
    schema,
    document,
    operation,
    ({ node, parentType, field, path, types }) => {
      if (!field) return;
      const coordinate = `${parentType.name}.${field.name}`;
      const checks: (AccessPolicy | undefined)[] = [
        policies.fieldAccess.get(coordinate),
        policies.typeAccess.get(parentType.name),
        policies.typeAccess.get(getNamedType(field.type).name),
      ];
      const failed = checks.find((policy) => !satisfies(claims, policy));
      if (!failed) return;
      refused.push({ node, coordinate, path, types, needs: describeRequirement(failed, claims) });
      return false;
    },
    budget,
  );
  return refused;
}
