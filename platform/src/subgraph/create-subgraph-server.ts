// Builds a Federation 2 subgraph ApolloServer with the hub's error masking and metrics.
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { createErrorMasker } from '../errors/mask-errors.js';
import type { ServiceMetrics } from '../telemetry/metrics.js';

export interface SubgraphServerOptions<TContext extends BaseContext = BaseContext> {
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<unknown>;
  logger: Logger;
  metrics: ServiceMetrics;
  plugins?: ApolloServerPlugin<TContext>[];
  /** The schema built from typeDefs and resolvers, when the caller needs it too (to serve subscriptions). */
  schema?: GraphQLSchema;
}

/** The subgraph schema of typeDefs and resolvers: build it once when both HTTP and graphql-ws serve it. */
export function buildHubSubgraphSchema(typeDefs: DocumentNode, resolvers: GraphQLResolverMap<unknown>): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}

export function createSubgraphServer<TContext extends BaseContext>(options: SubgraphServerOptions<TContext>): ApolloServer<TContext> {
  return new ApolloServer<TContext>({
    schema: options.schema ?? buildHubSubgraphSchema(options.typeDefs, options.resolvers),
    formatError: createErrorMasker(options.logger),
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown (hub/src/main.ts stops every service in order); Apollo's own signal handler
    // would stop this server, then signal the process again, which a launcher reads as a forced second Ctrl-C.
    stopOnTerminationSignals: false,
    // Subgraphs sit behind the gateway and signed claims; the gateway owns CSRF prevention for browsers.
    csrfPrevention: false,
    // Inline (ftv1) traces are for Apollo Studio, which the hub does not use; OpenTelemetry carries traces.
    // No field carries a cache hint, so every answer was uncacheable anyway: the gateway reads an answer without a
    // cache-control header as it read "no-store". Apollo's default cache-control plugin also made every resolved field
    // run through a per-field hook, on every call between services.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), errorMetricsPlugin(options.metrics), ...(options.plugins ?? [])],
  });
}

function errorMetricsPlugin(metrics: ServiceMetrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const e of errors) metrics.graphqlErrors.inc({ code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
        },
      };
    },
  };
}
