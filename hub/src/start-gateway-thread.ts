// Starts the embedded hub's gateway on a worker thread: one process still, but the gateway's work (HTTP, plans,
// subgraph calls, subscription fan-out) runs on the second core instead of sharing the services' event loop.
import { Worker } from 'node:worker_threads';
import type { HubConfig, Logger, RouteHandler, ServiceName } from '@retail-hub/platform';
import { serveAdminRoutes } from './admin/admin-routes.js';
import type { GatewayThreadData, GatewayThreadReady } from './gateway-thread.js';
import type { RunningGateway } from './start-gateway.js';

/** How long a stopping gateway thread may take before it is terminated. */
const STOP_TIMEOUT_MS = 10_000;

/** `logger` is for the admin routes served on this thread; the gateway thread logs through its own. */
export async function startGatewayThread(config: HubConfig, local: Partial<Record<ServiceName, string>>, adminRoutes: Record<string, RouteHandler>, logger: Logger): Promise<RunningGateway> {
  const admin = Object.keys(adminRoutes).length > 0 ? await serveAdminRoutes(adminRoutes, logger) : null;
  const data: GatewayThreadData = { config, local, adminPaths: Object.keys(adminRoutes), adminUrl: admin?.url ?? null };
  const worker = new Worker(new URL('./gateway-thread.bootstrap.mjs', import.meta.url), { workerData: data });
  const ready = await new Promise<GatewayThreadReady>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the gateway thread exited (code ${code}) before it was ready`)));
  }).catch(async (error: Error) => {
    await worker.terminate();
    await admin?.close();
    throw error;
  });
  worker.removeAllListeners('error').removeAllListeners('exit');
  let stopping = false;
  // Without its gateway the hub serves nobody: a thread that dies takes the process down, as an uncaught error
  // on the main thread would, so a supervisor restarts it.
  worker.on('error', (error) => {
    console.error(`retail-hub: the gateway thread failed: ${error.stack ?? error.message}`);
    process.exit(1);
  });
  worker.on('exit', (code) => {
    if (stopping) return;
    console.error(`retail-hub: the gateway thread exited (code ${code})`);
    process.exit(1);
  });
  return {
    url: ready.url,
    accessNote: ready.accessNote,
    async stop() {
      stopping = true;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'stop' });
      const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
      await admin?.close();
    },
  };
}
