// Counts the errors the gateway returns, by code, into hub_graphql_errors_total.
import type { ApolloServerPlugin } from '@apollo/server';
import type { ServiceMetrics } from '@retail-hub/platform';

export interface ErrorMetricsPluginOptions {
  /** The registry's graphqlErrors counter is the one incremented. */
  metrics: ServiceMetrics;
}

export function errorMetricsPlugin(options: ErrorMetricsPluginOptions): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) options.metrics.graphqlErrors.inc({ code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
        },
      };
    },
  };
}
