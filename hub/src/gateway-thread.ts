// Worker entry: the embedded hub's gateway on a thread of its own (see start-gateway-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { createLogger, startTracing, stopTracing, type HubConfig, type ServiceName } from '@retail-hub/platform';
import { forwardRoute } from './admin/forward-route.js';
import { startGatewayFor } from './start-gateway.js';

export interface GatewayThreadData {
  config: HubConfig;
  local: Partial<Record<ServiceName, string>>;
  /** The paths of the admin routes, and the loopback server on the services' thread that answers them. */
  adminPaths: string[];
  adminUrl: string | null;
}

export interface GatewayThreadReady {
  type: 'ready';
  url: string;
  accessNote: string;
}

const { config, local, adminPaths, adminUrl } = workerData as GatewayThreadData;
startTracing('retail-hub');
const routes = adminUrl ? Object.fromEntries(adminPaths.map((path) => [path, forwardRoute(adminUrl)])) : {};
const gateway = await startGatewayFor(config, local, createLogger('gateway', config.logLevel), routes);
parentPort!.on('message', (message: { type: 'stop' }) => {
  if (message.type !== 'stop') return;
  // Spans still batched are exported first. process.exit in a worker ends this thread only; timers of metrics
  // and tracing would otherwise keep it alive.
  void gateway
    .stop()
    .then(() => stopTracing())
    .finally(() => process.exit(0));
});
parentPort!.postMessage({ type: 'ready', url: gateway.url, accessNote: gateway.accessNote } satisfies GatewayThreadReady);
