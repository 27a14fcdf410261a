// Starts the gateway on the calling thread, pointed at the subgraphs this process runs (or configured URLs).
import { createGateway, type GatewayInstance } from '@retail-hub/gateway';
import { serveGateway } from '@retail-hub/gateway/http/serve-gateway';
import { openGatewaySecurity } from '@retail-hub/gateway/config/gateway-security';
import { readSecurityConfig } from '@retail-hub/gateway/config/security-config';
import { readSubscriptionConfig } from '@retail-hub/gateway/subscriptions/subscription-config';
import { createServiceMetrics, ensurePostgresDatabase, storeFor, type HubConfig, type Logger, type RouteHandler, type ServiceName } from '@retail-hub/platform';

/** The hub's gateway, on this thread or on a thread of its own. */
export interface RunningGateway {
  url: string;
  /** How API keys work here (printed at start). */
  accessNote: string;
  /** Only when the gateway runs on the caller's thread (tests reach into its key store). */
  instance?: GatewayInstance;
  stop(): Promise<void>;
}

/** `local`: the GraphQL URLs of the subgraphs this process runs. */
export async function startGatewayFor(
  config: HubConfig,
  local: Partial<Record<ServiceName, string>>,
  logger: Logger,
  extraRoutes: Record<string, RouteHandler>,
): Promise<RunningGateway & { instance: GatewayInstance }> {
  // API keys live in the gateway's own store: <dataDir>/gateway.db, or database hub_gateway on PostgreSQL.
  const keyStore = storeFor(config, 'gateway');
  if (keyStore.dialect === 'postgres') await ensurePostgresDatabase(keyStore.url);
  const security = await openGatewaySecurity(readSecurityConfig(process.env, { production: config.mode === 'production' }), keyStore, { logger, supergraphPath: config.gateway.supergraphPath });
  const instance = await createGateway({
    ...security,
    claimsSecret: config.claimsSecret,
    supergraphPath: config.gateway.supergraphPath,
    subgraphUrls: { ...local, ...config.gateway.subgraphUrls },
    subgraphTimeoutMs: config.gateway.subgraphTimeoutMs,
    logger,
    metrics: createServiceMetrics('gateway', { processMetrics: true }),
  });
  const http = await serveGateway(instance, {
    port: config.gateway.port,
    host: config.host,
    subscriptions: readSubscriptionConfig(process.env),
    extraRoutes,
  });
  return { url: http.url, accessNote: instance.accessNote, instance, stop: () => http.close() };
}
