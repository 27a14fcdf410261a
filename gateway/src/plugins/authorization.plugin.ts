// Enforces @requiresScopes / @authenticated from the supergraph before execution: refused fields are removed or the operation rejected.
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { GraphQLError, getOperationAST, print, type DocumentNode, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import { findUnauthorized, type UnauthorizedField } from '../authz/find-unauthorized.js';
import { displayPath, nullRefusedField } from '../authz/null-refused-fields.js';
import { removeFields, stripPlaceholders } from '../authz/remove-fields.js';
import type { GatewayContext } from '../gateway-context.js';
import { WalkBudget } from '../operation/selection-fields.js';
import type { SchemaPolicies } from '../supergraph/schema-policies.js';

export interface AuthorizationPluginOptions {
  policies: SchemaPolicies;
  /**
   * `filter`: run what the caller may read, with an UNAUTHORIZED_FIELD_OR_TYPE error at each refused field's
   * path and null in its place. `reject`: refuse the whole operation (HTTP 403) if any field is refused.
   * @default 'filter'
   */
  mode?: 'filter' | 'reject';
  /** Work budget of the analysis (see WalkBudget). @default 10_000 */
  maxSelections?: number;
}

type Mutable = { -readonly [K in keyof GraphQLRequestContextDidResolveOperation<GatewayContext>]: GraphQLRequestContextDidResolveOperation<GatewayContext>[K] };

export function authorizationPlugin(options: AuthorizationPluginOptions): ApolloServerPlugin<GatewayContext> {
  const mode = options.mode ?? 'filter';
  return {
    async requestDidStart() {
      let refused: UnauthorizedField[] = [];
      return {
        async didResolveOperation(requestContext) {
          if (!requestContext.operation) return;
          const budget = new WalkBudget(options.maxSelections ?? 10_000);
          refused = findUnauthorized(requestContext.schema, requestContext.document, requestContext.operation, options.policies, requestContext.contextValue.claims, budget);
          if (refused.length === 0) return;
          if (mode === 'reject') {
            throw new GraphQLError(`Unauthorized field or type: ${refused.map(describe).join('; ')}`, {
              extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', http: { status: 403 } },
            });
          }
          replaceDocument(requestContext as Mutable, removeFields(requestContext.document, new Set(refused.map((r) => r.node))));
        },
        async willSendResponse({ response }) {
          if (refused.length === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.data === undefined) return;
          let data = result.data as Record<string, unknown> | null;
          stripPlaceholders(data);
          for (const r of refused) data = nullRefusedField(data, r.path, r.types);
          const errors: GraphQLFormattedError[] = refused.map((r) => ({
            message: `Unauthorized field or type: ${describe(r)}`,
            path: displayPath(r.path, r.types),
            extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' },
          }));
          response.body.singleResult = { ...result, data, errors: [...errors, ...(result.errors ?? [])] };
        },
      };
    },
  };
}

function describe(r: UnauthorizedField): string {
  return `${r.coordinate} needs ${r.needs}`;
}

/**
 * The gateway plans from the document and caches plans by queryHash: a filtered document gets its own hash,
 * so a plan made for a caller who may see more is never reused for one who may see less, nor the reverse.
 */
function replaceDocument(requestContext: Mutable, document: DocumentNode): void {
  requestContext.document = document;
  requestContext.operation = getOperationAST(document, requestContext.operationName) as OperationDefinitionNode;
  requestContext.queryHash = createHash('sha256').update(print(document)).digest('hex');
}
