// Keeps the schema to itself where it should: no introspection and no "Did you mean" hints for partner keys or in production.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit } from 'graphql';
import type { Claims } from '@retail-hub/platform';
import type { GatewayContext } from '../gateway-context.js';

export interface IntrospectionPolicyPluginOptions {
  /** Production mode: nobody but the hub's own services may introspect. @default false */
  production?: boolean;
}

export function introspectionPolicyPlugin(options: IntrospectionPolicyPluginOptions = {}): ApolloServerPlugin<GatewayContext> {
  const hidden = (claims: Claims) => claims.kind !== 'service' && (Boolean(options.production) || Boolean(claims.partner));
  return {
    async requestDidStart({ contextValue }) {
      if (!hidden(contextValue.claims)) return;
      return {
        async validationDidStart() {
          return async (errors) => {
            // As Apollo's hideSchemaDetailsFromClientErrors, but per caller: suggestions name fields the caller cannot see.
            for (const error of errors ?? []) error.message = error.message.replace(/ ?Did you mean(.+?)\?$/, '');
          };
        },
        async didResolveOperation({ document }) {
          let introspects = false;
          visit(document, {
            Field: (node) => {
              if (node.name.value === '__schema' || node.name.value === '__type') introspects = true;
            },
          });
          if (introspects) {
            throw new GraphQLError('Introspection is not available to this caller', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
          }
        },
      };
    },
  };
}
