// The /graphql route: Apollo over node:http, continuing the caller's trace; a browser's plain GET goes to the explorer.
import type { IncomingMessage } from 'node:http';
import { contextFromTraceparent, createApolloHandler, sendGraphQLError, withSpan, type RouteHandler } from '@retail-hub/platform';
import type { GatewayInstance } from '../server.js';
import { applyCors } from './cors.js';

export interface GraphQLRouteOptions {
  /** Where a browser that opens /graphql is redirected; null keeps Apollo's answer. */
  explorerPath: string | null;
}

export function graphqlRoute(instance: GatewayInstance, options: GraphQLRouteOptions): RouteHandler {
  const handle = createApolloHandler(instance.apollo, { context: (req) => instance.createContext(req), maxBodyBytes: instance.http.maxBodyBytes });
  return async (req, res) => {
    if (applyCors(req, res, instance.http.cors)) return;
    if (options.explorerPath && isBrowserNavigation(req)) {
      res.writeHead(302, { location: options.explorerPath });
      return void res.end();
    }
    // Apollo refuses to execute before start; say so in GraphQL terms while the supergraph loads.
    if (!instance.ready()) return sendGraphQLError(res, 503, 'SERVICE_UNAVAILABLE', 'The gateway is starting; try again shortly', { 'retry-after': '1' });
    const traceparent = req.headers.traceparent;
    await withSpan('gateway', `${req.method} /graphql`, { 'http.request.method': req.method ?? 'GET' }, () => handle(req, res), contextFromTraceparent(typeof traceparent === 'string' ? traceparent : null));
  };
}

/** A GET for an HTML page with no operation in it: someone typed the endpoint into a browser. */
function isBrowserNavigation(req: IncomingMessage): boolean {
  if (req.method !== 'GET' || !String(req.headers.accept ?? '').includes('text/html')) return false;
  return !new URL(req.url ?? '/', 'http://gateway').searchParams.has('query');
}
