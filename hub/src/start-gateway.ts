// Starts the gateway in the launcher's process, pointed at the subgraphs this process runs (or configured URLs).
import type { FaultSwitch } from '@retail-hub/erp';
import { createGateway, type GatewayInstance } from '@retail-hub/gateway';
import { serveGateway } from '@retail-hub/gateway/http/serve-gateway';
import { openGatewaySecurity } from '@retail-hub/gateway/config/gateway-security';
import { readSecurityConfig } from '@retail-hub/gateway/config/security-config';
import { readSubscriptionConfig } from '@retail-hub/gateway/subscriptions/subscription-config';
import { createServiceMetrics, ensurePostgresDatabase, storeFor, type ControllableClock, type HubConfig, type Logger, type RunningHttpServer, type ServiceName } from '@retail-hub/platform';
import { clockRoute } from './admin/clock.route.js';
import { erpFaultsRoute } from './admin/erp-faults.route.js';

export interface RunningGateway {
  url: string;
  instance: GatewayInstance;
  http: RunningHttpServer;
  stop(): Promise<void>;
}

export async function startGatewayFor(
  config: HubConfig,
  subgraphs: Partial<Record<ServiceName, { http: RunningHttpServer }>>,
  logger: Logger,
  admin: { faults: FaultSwitch; clock: ControllableClock },
): Promise<RunningGateway> {
  const local = Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, `${s!.http.url}/graphql`]));
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
    extraRoutes: config.mode === 'development' ? { '/admin/erp-faults': erpFaultsRoute(admin.faults), '/admin/clock': clockRoute(admin.clock) } : {},
  });
  return { url: http.url, instance, http, stop: () => http.close() };
}
