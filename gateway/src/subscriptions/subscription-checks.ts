// The gateway's pre-execution rules, applied to subscriptions too: shape limits, and @requiresScopes / @authenticated (refusing, not filtering).
import { GraphQLError } from 'graphql';
import { findUnauthorized } from '../authz/find-unauthorized.js';
import { checkOperationLimits, DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../operation/operation-limits.js';
import { WalkBudget } from '../operation/selection-fields.js';
import type { SchemaPolicies } from '../supergraph/schema-policies.js';
import type { OperationCheck } from './subscription-options.js';

/**
 * A subscription is refused whole when any field is not the caller's to read: nulling a field in every event
 * of a long-lived stream would hide the refusal where nobody looks.
 */
export function gatewayOperationChecks(policies: SchemaPolicies, limits: OperationLimits = DEFAULT_OPERATION_LIMITS): OperationCheck[] {
  return [
    ({ schema, document, operation }) => void checkOperationLimits(schema, document, operation, limits),
    ({ schema, document, operation, claims }) => {
      const refused = findUnauthorized(schema, document, operation, policies, claims, new WalkBudget(limits.maxSelections));
      if (refused.length === 0) return;
      throw new GraphQLError(`Unauthorized field or type: ${refused.map((r) => `${r.coordinate} needs ${r.needs}`).join('; ')}`, { extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } });
    },
  ];
}
