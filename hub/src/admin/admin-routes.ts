// The development-only admin routes of an embedded hub, served where the ERP fault switch and the clock live.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultSwitch } from '@retail-hub/erp';
import { sendJson, type ControllableClock, type HubConfig, type RouteHandler } from '@retail-hub/platform';
import { clockRoute } from './clock.route.js';
import { erpFaultsRoute } from './erp-faults.route.js';

export interface AdminTargets {
  faults: FaultSwitch;
  clock: ControllableClock;
}

/** The routes the gateway's server adds in development; none otherwise. */
export function adminRoutes(config: HubConfig, targets: AdminTargets): Record<string, RouteHandler> {
  return config.mode === 'development' ? { '/admin/erp-faults': erpFaultsRoute(targets.faults), '/admin/clock': clockRoute(targets.clock) } : {};
}

export interface AdminServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The same routes on a loopback port of their own, for a gateway on another thread to forward to: the fault
 * switch and the clock are objects of the thread that runs the ERP and the services.
 */
export async function serveAdminRoutes(routes: Record<string, RouteHandler>): Promise<AdminServer> {
  const server = createServer((req, res) => {
    const route = routes[(req.url ?? '/').split('?', 1)[0]!];
    if (!route) return sendJson(res, 404, { error: 'no such admin route' });
    Promise.resolve(route(req, res)).catch((error: Error) => (res.headersSent ? res.destroy() : sendJson(res, 500, { error: error.message })));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
