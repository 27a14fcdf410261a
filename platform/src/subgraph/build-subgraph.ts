// Builds a Federation 2 subgraph from its schema folder and resolvers: the schema, and the ApolloServer that serves it with the hub's error masking and metrics.
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { createErrorMasker } from '../errors/mask-errors.js';
import { loadSchemaDir } from '../graphql/load-schema.js';
import { mergeResolverMaps } from '../graphql/merge-resolvers.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import type { ServiceMetrics } from '../telemetry/metrics.js';

export interface SubgraphDefinition {
  /** The folder of the subgraph's `.graphql` files. */
  schemaDir: string;
  /** Its resolver maps, merged type by type (several files add fields to Query); every subgraph gets the DateTime scalar. */
  resolvers: Record<string, unknown>[];
  logger: Logger;
  metrics: ServiceMetrics;
}

export interface BuiltSubgraph<TContext extends BaseContext> {
  /** Built once: HTTP (through `apollo`) and graphql-ws serve the same schema. */
  schema: GraphQLSchema;
  apollo: ApolloServer<TContext>;
}

export function buildSubgraph<TContext extends BaseContext>(definition: SubgraphDefinition): BuiltSubgraph<TContext> {
  const typeDefs = loadSchemaDir(definition.schemaDir);
  const resolvers = mergeResolverMaps({ DateTime: DateTimeScalar }, ...definition.resolvers) as GraphQLResolverMap<unknown>;
  const schema = buildSubgraphSchema([{ typeDefs, resolvers }]);
  const apollo = new ApolloServer<TContext>({
    schema,
    formatError: createErrorMasker(definition.logger),
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
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), errorMetricsPlugin(definition.metrics)],
  });
  return { schema, apollo };
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
