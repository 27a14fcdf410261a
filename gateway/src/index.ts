// The gateway as its own process: reads its config once, builds the gateway, listens; `--help` lists the options.
import { createLogger, createServiceMetrics, startTracing } from '@retail-hub/platform';
import { GATEWAY_HELP, GatewayConfigError, readGatewayConfig } from './config/gateway-config.js';
import { serveGateway } from './http/serve-gateway.js';
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
  const instance = await createGateway({
    claimsSecret: config.claimsSecret,
    supergraphPath: config.supergraphPath,
    subgraphUrls: config.subgraphUrls,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    anonymousScopes: config.anonymousScopes,
    logger,
    metrics: createServiceMetrics('gateway', { processMetrics: true }),
  });
  const running = await serveGateway(instance, { port: config.port, host: config.host });
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
