// Holds safelist-only keys to the operations of the persisted query manifest, by id or by identical text.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { keyOf } from '../auth/keyed-claims.js';
import type { GatewayContext } from '../gateway-context.js';
import type { PersistedQueryManifest } from '../persisted/persisted-query-manifest.js';

export interface SafelistPluginOptions {
  manifest: PersistedQueryManifest;
}

export function safelistPlugin(options: SafelistPluginOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        // After the id has been resolved to its text: an id from the manifest passes, so does its exact text.
        async didResolveOperation({ contextValue, source }) {
          if (!keyOf(contextValue.claims)?.safelistOnly) return;
          if (options.manifest.bodies.has(source)) return;
          throw new GraphQLError('This API key may only run safelisted operations: send the id of an operation in the persisted query manifest', {
            extensions: { code: 'QUERY_NOT_IN_SAFELIST', http: { status: 403 } },
          });
        },
      };
    },
  };
}
