// The development-only admin routes of an embedded hub, served where the ERP fault switch and the clock live.
import type { FaultSwitch } from '@retail-hub/erp';
import { createServiceHttpServer, createServiceMetrics, listen, type ControllableClock, type HubConfig, type Logger, type RouteHandler, type RunningHttpServer } from '@retail-hub/platform';
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

/**
 * The same routes on a loopback port of their own, for a gateway on another thread to forward to: the fault
 * switch and the clock are objects of the thread that runs the ERP and the services.
 */
export async function serveAdminRoutes(routes: Record<string, RouteHandler>, logger: Logger): Promise<RunningHttpServer> {
  return listen(createServiceHttpServer({ name: 'hub-admin', logger, metrics: createServiceMetrics('hub-admin'), routes }), 0);
}
