// A subgraph's graphql-ws endpoint on its own HTTP server and path: signed claims at connection, subscriptions only.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, getOperationAST, parse, validate, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { Gauge, type Registry } from 'prom-client';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Claims } from '../claims/claims.js';
import { verifyClaims } from '../claims/signed-claims.js';
import { createErrorMasker } from '../errors/mask-errors.js';
import { parseFeedCursor, withLiveRequest } from './live-context.js';
import { openSourceStream, resultsWithEventMeta } from './subscribe-with-event-meta.js';

export interface SubgraphSubscriptionServerOptions {
  server: Server;
  /** @default '/graphql' */
  path?: string;
  schema: GraphQLSchema;
  claimsSecret: string;
  /** The subgraph's per-request context for verified claims; called per subscription and again per event. */
  createContext(claims: Claims): object;
  logger: Logger;
  registry: Registry;
  /** Server-side ping interval; a peer that does not answer within it is dropped. @default 12_000 */
  keepAliveMs?: number;
}

export interface SubgraphSubscriptionServer {
  /** Closes every connection with 1012 (service restart), so the gateway resubscribes once the subgraph is back. */
  close(): Promise<void>;
}

/** WebSocket close code 1012: the peer should reconnect shortly. */
const SERVICE_RESTART = 1012;

type ConnectionExtra = {
  claims?: Claims;
};

export function attachSubgraphSubscriptions(options: SubgraphSubscriptionServerOptions): SubgraphSubscriptionServer {
  const path = options.path ?? '/graphql';
  const mask = createErrorMasker(options.logger);
  const gauges = subscriptionGauges(options.registry);
  // What onSubscribe opened for each subscription, keyed by its context, for subscribe() to run.
  const opened = new WeakMap<object, { source: AsyncIterable<unknown>; contextFor: () => object }>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((req.url ?? '/').split('?', 1)[0] !== path) return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  options.server.on('upgrade', onUpgrade);

  const formatErrors = (errors: readonly GraphQLError[]) => errors.map((e) => mask(e.toJSON(), e));
  useServer<Record<string, unknown>, ConnectionExtra>(
    {
      // The claims come signed (as on HTTP) in the connection_init payload, under the same header names.
      onConnect(ctx) {
        const params = ctx.connectionParams ?? {};
        const verified = verifyClaims({ get: (name) => (typeof params[name] === 'string' ? (params[name] as string) : null) }, options.claimsSecret);
        if (!verified.ok) {
          options.logger.warn({ reason: verified.reason }, 'subscription connection refused');
          return false;
        }
        ctx.extra.claims = verified.claims;
        gauges.connections.inc();
        return true;
      },
      onDisconnect: () => void gauges.connections.dec(),
      async onSubscribe(ctx, _id, payload: SubscribePayload) {
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(options.schema, document);
        if (errors.length) return errors;
        if (getOperationAST(document, payload.operationName)?.operation !== 'subscription') {
          return [new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', { extensions: { code: 'BAD_REQUEST' } })];
        }
        const claims = ctx.extra.claims!;
        const contextValue = withLiveRequest(options.createContext(claims), parseFeedCursor(payload.extensions?.resumeAfter));
        const args: ExecutionArgs = { schema: options.schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
        // Opened here rather than in subscribe(), so a refusal (bad filter, no access) is a graphql-ws `error` message.
        const source = await openSourceStream(args);
        if (!(Symbol.asyncIterator in source)) return [...(source as readonly GraphQLError[])];
        opened.set(contextValue, { source: source as AsyncIterable<unknown>, contextFor: () => options.createContext(claims) });
        return args;
      },
      async subscribe(args: ExecutionArgs) {
        const { source, contextFor } = opened.get(args.contextValue as object)!;
        return counted(resultsWithEventMeta(source, args, contextFor), gauges.subscriptions);
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatErrors(result.errors) } : undefined),
      onError: (_ctx, _id, _payload, errors) => formatErrors(errors),
    },
    wss,
    options.keepAliveMs ?? 12_000,
  );

  return {
    async close() {
      options.server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.close(SERVICE_RESTART, 'Service restart');
      const closed = new Promise<void>((resolve) => wss.close(() => resolve()));
      // A peer that does not answer the close handshake must not hold up the HTTP server's close.
      const timer = setTimeout(() => wss.clients.forEach((client) => client.terminate()), 1000);
      await closed;
      clearTimeout(timer);
    },
  };
}

/** Counts the subscription as open until it ends, however it ends. */
function counted(inner: AsyncIterableIterator<ExecutionResult>, gauge: Gauge): AsyncIterableIterator<ExecutionResult> {
  gauge.inc();
  let open = true;
  const release = () => {
    if (open) gauge.dec();
    open = false;
  };
  return {
    next: async () => {
      try {
        const result = await inner.next();
        if (result.done) release();
        return result;
      } catch (error) {
        release();
        throw error;
      }
    },
    return: async () => {
      release();
      return (await inner.return?.()) ?? { value: undefined, done: true };
    },
    throw: async (error?: unknown) => {
      release();
      return (await inner.throw?.(error)) ?? { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

function subscriptionGauges(registry: Registry) {
  const gauge = (name: string, help: string) => (registry.getSingleMetric(name) as Gauge | undefined) ?? new Gauge({ name, help, registers: [registry] });
  return {
    connections: gauge('hub_subscription_connections_active', 'Open graphql-ws connections (the gateway holds one per caller scope)'),
    subscriptions: gauge('hub_subscriptions_active', 'Open subscriptions served over graphql-ws'),
  };
}
