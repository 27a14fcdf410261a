// The gateway as its own process: reads its config once, builds the gateway, listens; `--help` lists the options.
import { resolve } from 'node:path';
import { createLogger, createServiceMetrics, defaultHubConfig, ensurePostgresDatabase, startTracing, storeFor } from '@retail-hub/platform';
import { GATEWAY_HELP, GatewayConfigError, readGatewayConfig } from './config/gateway-config.js';
import { openGatewaySecurity } from './config/gateway-security.js';
import { readSecurityConfig } from './config/security-config.js';
import { serveGateway } from './http/serve-gateway.js';
import { readSubscriptionConfig } from './subscriptions/subscription-config.js';
import { createGateway } from './server.js';

function readConfig() {
  try {
    return readGatewayConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof GatewayConfigError)) throw error;
    process.stderr.write(`${error.message}\n\n${GATEWAY_HELP}`);
    process.exit(2);
  }
}

const reading = readConfig();
if (reading.help) {
  process.stdout.write(GATEWAY_HELP);
  process.exit(0);
}
const { config, warnings } = reading;
const logger = createLogger('gateway');
for (const warning of warnings) logger.warn(warning);
startTracing('gateway');

try {
  // API keys: the same store layout as the embedded hub's (<data dir>/gateway.db, or hub_gateway on PostgreSQL).
  const hub = defaultHubConfig(resolve(process.env.HUB_DATA_DIR ?? './data'));
  if (process.env.HUB_POSTGRES_URL) hub.storage = { kind: 'postgres', url: process.env.HUB_POSTGRES_URL };
  const keyStore = storeFor(hub, 'gateway');
  if (keyStore.dialect === 'postgres') await ensurePostgresDatabase(keyStore.url);
  const security = await openGatewaySecurity(readSecurityConfig(process.env, { production: !config.dev }), keyStore, { logger, supergraphPath: config.supergraphPath });
  const instance = await createGateway({
    ...security,
    claimsSecret: config.claimsSecret,
    supergraphPath: config.supergraphPath,
    subgraphUrls: config.subgraphUrls,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    logger,
    metrics: createServiceMetrics('gateway', { processMetrics: true }),
  });
  const running = await serveGateway(instance, { port: config.port, host: config.host, subscriptions: readSubscriptionConfig(process.env) });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'gateway stopping');
    running.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  // The message says what to fix (a missing supergraph, an unknown subgraph name); the stack is for debugging.
  logger.debug({ err: error }, 'start failure');
  logger.fatal(`gateway failed to start: ${(error as Error).message}`);
  process.exit(1);
}
