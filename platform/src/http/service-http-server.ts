// The HTTP server every service runs: its routes plus /health, /ready and /metrics, with request metrics.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { ServiceMetrics } from '../telemetry/metrics.js';
import { sendJson } from './json-response.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface ServiceHttpOptions {
  name: string;
  logger: Logger;
  metrics: ServiceMetrics;
  /** Exact paths (e.g. `/graphql`) or prefixes ending in `/*`. */
  routes: Record<string, RouteHandler>;
  /** Ready once the service can answer (migrations done, first ERP sync finished). */
  ready?: () => boolean;
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

export function createServiceHttpServer(options: ServiceHttpOptions): Server {
  const { routes, metrics, logger } = options;
  const prefixes = Object.entries(routes).filter(([p]) => p.endsWith('/*')).map(([p, h]) => [p.slice(0, -1), h] as const);
  const server = createServer((req, res) => {
    // Continue the caller's trace (the gateway's, or a client's traceparent) in a server span.
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const path = (req.url ?? '/').split('?', 1)[0]!;
    void trace.getTracer(options.name).startActiveSpan(`${req.method} ${path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': path, 'service.component': options.name } }, parent, async (span) => {
      try {
        await handle(req, res, path);
      } finally {
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const started = process.hrtime.bigint();
    const route = routes[path] ? path : (prefixes.find(([p]) => path.startsWith(p))?.[0] ?? path);
    res.on('finish', () => {
      const label = routes[route] || prefixes.some(([p]) => p === route) ? route : 'other';
      metrics.httpRequests.inc({ route: label, status: String(res.statusCode) });
      metrics.httpDuration.observe({ route: label }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    try {
      if (path === '/health') return sendJson(res, 200, { status: 'ok', service: options.name });
      if (path === '/ready') {
        const ready = options.ready?.() ?? true;
        return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'starting', service: options.name });
      }
      if (path === '/metrics') {
        const body = await metrics.registry.metrics();
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        return void res.end(body);
      }
      const handler = routes[path] ?? prefixes.find(([p]) => path.startsWith(p))?.[1];
      if (!handler) return sendJson(res, 404, { error: 'not found' });
      await handler(req, res);
    } catch (err) {
      logger.error({ err, path }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    }
  }
  // Longer than the gateway's client idle timeout, so pooled connections are closed by the client side first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

export async function listen(server: Server, port: number, host = '127.0.0.1'): Promise<RunningHttpServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
