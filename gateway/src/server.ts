// Builds the gateway: Apollo Server over @apollo/gateway and the committed supergraph. Never listens (see serveGateway).
import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { signClaims, type Logger, type ServiceMetrics } from '@retail-hub/platform';
import { createAdminApi, type AdminApi } from './admin/admin-route.js';
import { CostModel } from './cost/cost-model.js';
import type { ApiKeyService } from './keys/api-key.service.js';
import { createGatewayErrorFormatter } from './errors/gateway-error-formatter.js';
import type { GatewayContext } from './gateway-context.js';
import { resolveGatewayOptions, type GatewayOptions } from './gateway-options.js';
import type { CorsOptions } from './http/cors.js';
import { PersistedQueryCache } from './persisted/persisted-query-cache.js';
import { authorizationPlugin } from './plugins/authorization.plugin.js';
import { errorMetricsPlugin } from './plugins/error-metrics.plugin.js';
import { introspectionPolicyPlugin } from './plugins/introspection-policy.plugin.js';
import { operationLimitsPlugin } from './plugins/operation-limits.plugin.js';
import { rateLimitPlugin } from './plugins/rate-limit.plugin.js';
import { safelistPlugin } from './plugins/safelist.plugin.js';
import { supergraphForGateway } from './supergraph/gateway-supergraph.js';
import { readSchemaPolicies, type SchemaPolicies } from './supergraph/schema-policies.js';
import { SignedClaimsDataSource } from './subgraph/signed-claims-data-source.js';
import type { GatewayFederation } from './subscriptions/gateway-federation.js';
import { createSubgraphFetcher } from './subgraph/subgraph-fetcher.js';
import { createSubgraphMetrics } from './subgraph/subgraph-metrics.js';
import { resolveSubgraphUrls, subgraphsOfSupergraph } from './supergraph/supergraph-subgraphs.js';

export type { GatewayOptions } from './gateway-options.js';
export type { GatewayContext } from './gateway-context.js';
export type { Authenticate } from './auth/authenticate.js';

export interface GatewayInstance {
  name: 'gateway';
  apollo: ApolloServer<GatewayContext>;
  logger: Logger;
  metrics: ServiceMetrics;
  /** The URL each subgraph is called at: the supergraph's, with overrides applied. */
  subgraphUrls: Readonly<Record<string, string>>;
  /** What the supergraph's @requiresScopes, @authenticated, @cost and @listSize say. */
  policies: SchemaPolicies;
  /** /admin/graphql, when the gateway has a key store. */
  adminApi: AdminApi | null;
  /** The API keys this gateway accepts (null without a key store): what /admin/graphql and in-process tests manage. */
  keys: ApiKeyService | null;
  /** One line for the start banner: who may call without a key, and how to get one. */
  accessNote: string;
  /** What the /graphql route enforces before Apollo sees a request. */
  http: { maxBodyBytes: number; cors: CorsOptions };
  /** The context of one HTTP request: runs `authenticate`, which may throw to refuse it. */
  createContext(req: IncomingMessage): Promise<GatewayContext>;
  /** What the gateway's subscription server needs: supergraph loads, the subgraph data sources, claims signing. */
  federation: GatewayFederation;
  /** Loads the supergraph and starts Apollo; resolves once queries can be served. Calling it again is harmless. */
  start(): Promise<void>;
  /** True between a finished start() and stop(). */
  ready(): boolean;
  /** Stops Apollo and closes the pooled subgraph connections. */
  stop(): Promise<void>;
}

export async function createGateway(options: GatewayOptions): Promise<GatewayInstance> {
  const settings = resolveGatewayOptions(options);
  const supergraphSdl = await readFile(settings.supergraphPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read the supergraph at ${settings.supergraphPath} (${error.code ?? error.message}); run \`npm run compose\``);
  });
  const subgraphUrls = resolveSubgraphUrls(subgraphsOfSupergraph(supergraphSdl), settings.subgraphUrls);
  const policies = readSchemaPolicies(supergraphSdl);

  // The library reads only this variable, when ApolloGateway is constructed; see GatewayOptions.apolloTelemetry.
  if (!settings.apolloTelemetry) process.env.APOLLO_TELEMETRY_DISABLED = 'true';

  const fetcher = createSubgraphFetcher({
    timeoutMs: settings.subgraphTimeoutMs,
    keepAliveMs: settings.subgraphKeepAliveMs,
    connectionsPerOrigin: settings.subgraphConnections,
  });
  const subgraphMetrics = createSubgraphMetrics(settings.metrics.registry);
  const dataSources = new Map<string, SignedClaimsDataSource>();
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphForGateway(supergraphSdl),
    logger: settings.logger,
    buildService: ({ name }) => {
      const dataSource = new SignedClaimsDataSource({
        name,
        url: subgraphUrls[name]!,
        claimsSecret: settings.claimsSecret,
        fetcher: fetcher.fetch,
        timeoutMs: settings.subgraphTimeoutMs,
        metrics: subgraphMetrics,
      });
      // Kept for subscriptions, whose events are finished with the same data sources as queries.
      dataSources.set(name, dataSource);
      return dataSource;
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createGatewayErrorFormatter(settings.logger),
    includeStacktraceInErrorResponses: false,
    // The process owns shutdown, not Apollo (see buildSubgraph).
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    introspection: settings.introspection,
    hideSchemaDetailsFromClientErrors: settings.production,
    parseOptions: { maxTokens: settings.maxTokens },
    persistedQueries: {
      cache: new PersistedQueryCache(settings.persistedQueries, settings.automaticPersistedQueries ? new InMemoryLRUCache<string>({ maxSize: 16 * 1024 * 1024 }) : null),
    },
    plugins: [
      // The explorer is served locally at /explorer; Apollo's landing page would load from a CDN.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      errorMetricsPlugin({ metrics: settings.metrics }),
      // Each of these refuses before execution, so a refused operation never reaches a subgraph.
      introspectionPolicyPlugin({ production: settings.production }),
      safelistPlugin({ manifest: settings.persistedQueries }),
      operationLimitsPlugin(settings.limits),
      authorizationPlugin({ policies, mode: settings.authorizationMode, maxSelections: settings.limits.maxSelections }),
      rateLimitPlugin({
        costModel: new CostModel(policies, settings.cost),
        buckets: settings.buckets,
        anonymousLimits: settings.anonymousLimits,
        logger: settings.logger,
        maxSelections: settings.limits.maxSelections,
      }),
      ...settings.plugins,
    ],
  });
  const adminApi = settings.keyStore ? createAdminApi({ keys: settings.keyStore.keys, authenticate: settings.authenticate, logger: settings.logger }) : null;

  let state: 'built' | 'ready' | 'stopped' = 'built';
  let starting: Promise<void> | null = null;
  return {
    name: 'gateway',
    apollo,
    logger: settings.logger,
    metrics: settings.metrics,
    subgraphUrls,
    policies,
    adminApi,
    keys: settings.keyStore?.keys ?? null,
    accessNote: settings.anonymousScopes
      ? `callers without a key have ${settings.anonymousScopes.join(', ')}; for more: npm run keys -- create --name me --scopes '*'`
      : "every call needs one: npm run keys -- create --name me --scopes '*', then send Authorization: Bearer <key>",
    http: { maxBodyBytes: settings.maxBodyBytes, cors: { origins: settings.corsOrigins } },
    createContext: async (req) => ({ claims: await settings.authenticate(req), clientAddress: req.socket.remoteAddress }),
    federation: { gateway, dataSource: (name) => dataSources.get(name), signClaims: (claims) => signClaims(claims, settings.claimsSecret) },
    start() {
      starting ??= Promise.all([apollo.start(), adminApi?.start()]).then(() => {
        state = 'ready';
        settings.logger.info({ subgraphUrls }, 'gateway loaded its supergraph');
      });
      return starting;
    },
    ready: () => state === 'ready',
    async stop() {
      if (state === 'stopped') return;
      if (starting) await starting.catch(() => undefined);
      state = 'stopped';
      if (starting) await Promise.all([apollo.stop(), adminApi?.stop()]);
      await fetcher.close();
      await settings.buckets.close();
      await settings.keyStore?.close();
    },
  };
}
