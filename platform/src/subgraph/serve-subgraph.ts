// Puts a subgraph on HTTP: /graphql behind signed-claims verification, plus health, readiness and metrics.
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { verifyClaims } from '../claims/signed-claims.js';
import { createApolloHandler } from '../http/apollo-node-handler.js';
import { createServiceHttpServer, listen, type RunningHttpServer } from '../http/service-http-server.js';
import type { ServiceMetrics } from '../telemetry/metrics.js';
import { attachSubgraphSubscriptions } from '../subscriptions/subgraph-subscription-server.js';
import type { AnySubgraphInstance } from './subgraph-instance.js';

export interface ServeOptions {
  port: number;
  host?: string;
  claimsSecret: string;
  logger: Logger;
  metrics: ServiceMetrics;
}

export function subgraphGraphQLRoute(instance: AnySubgraphInstance, claimsSecret: string) {
  return createApolloHandler(instance.apollo, {
    context: async (_req, headers) => {
      const verified = verifyClaims(headers, claimsSecret);
      // Only the gateway (or a hub service) holds the secret: a direct call gets nothing.
      if (!verified.ok) {
        throw new GraphQLError(`Unauthenticated: ${verified.reason}`, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
      return instance.createContext(verified.claims);
    },
  });
}

export async function serveSubgraph(instance: AnySubgraphInstance, options: ServeOptions): Promise<RunningHttpServer> {
  const server = createServiceHttpServer({
    name: instance.name,
    logger: options.logger,
    metrics: options.metrics,
    routes: { '/graphql': subgraphGraphQLRoute(instance, options.claimsSecret), ...(instance.extraRoutes ?? {}) },
    ready: () => instance.ready(),
  });
  const subscriptions = instance.subscriptionSchema
    ? attachSubgraphSubscriptions({ server, schema: instance.subscriptionSchema, claimsSecret: options.claimsSecret, createContext: (claims) => instance.createContext(claims), logger: options.logger, registry: options.metrics.registry })
    : null;
  const running = await listen(server, options.port, options.host);
  // Open WebSockets would keep the HTTP server from closing: they are told to reconnect later, then dropped.
  return subscriptions ? { ...running, close: async () => (await subscriptions.close(), running.close()) } : running;
}
