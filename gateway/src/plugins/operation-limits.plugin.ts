// Refuses operations too deep, too aliased, too wide at the root or too full of directives, before any subgraph is called.
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../gateway-context.js';
import { checkOperationLimits, DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../operation/operation-limits.js';

export type OperationLimitsPluginOptions = Partial<OperationLimits>;

/** Token count and request size are limited earlier (the parser's maxTokens, the HTTP body cap). */
export function operationLimitsPlugin(options: OperationLimitsPluginOptions = {}): ApolloServerPlugin<GatewayContext> {
  const limits: OperationLimits = { ...DEFAULT_OPERATION_LIMITS, ...options };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation }) {
          if (operation) checkOperationLimits(schema, document, operation, limits);
        },
      };
    },
  };
}
