// Puts the gateway on HTTP: /graphql (and graphql-ws subscriptions on the same path), /explorer, and platform's /health, /ready (supergraph loaded) and /metrics.
import { createServiceHttpServer, listen, type RouteHandler, type RunningHttpServer } from '@retail-hub/platform';
import { explorerRoutes, type ExplorerOptions } from '../explorer/explorer-routes.js';
import { ADMIN_PATH } from '../admin/admin-route.js';
import type { GatewayInstance } from '../server.js';
import { attachGatewaySubscriptions } from '../subscriptions/gateway-subscription-server.js';
import { gatewayOperationChecks } from '../subscriptions/subscription-checks.js';
import type { SubscriptionServerOptions } from '../subscriptions/subscription-options.js';
import { graphqlRoute } from './graphql-route.js';

export interface ServeGatewayOptions {
  /** 0 picks a free port (tests). @default 4000 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** The local GraphiQL explorer. @default { enabled: true, path: '/explorer' } */
  explorer?: ExplorerOptions;
  /** More routes on the same server (e.g. the embedded launcher's admin routes). @default {} */
  extraRoutes?: Record<string, RouteHandler>;
  /** Subscriptions over graphql-ws on /graphql: limits, queues, keep-alive. @default see SubscriptionServerOptions */
  subscriptions?: SubscriptionServerOptions;
}

/** Listens first, so /health answers and /ready says 503 while the gateway loads, then starts the gateway. */
export async function serveGateway(instance: GatewayInstance, options: ServeGatewayOptions = {}): Promise<RunningHttpServer> {
  const explorer = options.explorer ?? {};
  const explorerPath = explorer.enabled === false ? null : (explorer.path ?? '/explorer');
  const server = createServiceHttpServer({
    name: instance.name,
    logger: instance.logger,
    metrics: instance.metrics,
    routes: {
      ...options.extraRoutes,
      '/graphql': graphqlRoute(instance, { explorerPath }),
      ...explorerRoutes(explorer, '/graphql'),
      ...(instance.adminApi ? { [ADMIN_PATH]: instance.adminApi.route } : {}),
    },
    ready: () => instance.ready(),
  });
  // Before start: it follows the supergraph the gateway loads.
  const subscriptions = attachGatewaySubscriptions({
    ...options.subscriptions,
    server,
    gateway: instance,
    checks: [...gatewayOperationChecks(instance.policies), ...(options.subscriptions?.checks ?? [])],
  });
  const running = await listen(server, options.port ?? 4000, options.host ?? '127.0.0.1');
  try {
    await instance.start();
  } catch (error) {
    await subscriptions.close();
    await running.close();
    throw error;
  }
  instance.logger.info({ url: `${running.url}/graphql`, explorer: explorerPath && `${running.url}${explorerPath}` }, 'gateway listening');
  return {
    ...running,
    // Stops taking requests first (subscribers are told to go away), then the gateway and its subgraph connections.
    close: async () => {
      await subscriptions.close();
      await running.close();
      await instance.stop();
    },
  };
}
