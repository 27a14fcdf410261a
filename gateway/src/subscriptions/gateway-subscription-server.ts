// The gateway's graphql-ws server on /graphql: authenticates connections, checks and plans subscriptions, hands each a client queue.
import { createHash } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, getVariableValues, parse, type DocumentNode, type ExecutionArgs, type ExecutionResult, type FormattedExecutionResult } from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Claims, Logger, ServiceMetrics } from '@retail-hub/platform';
import { createGatewayErrorFormatter } from '../errors/gateway-error-formatter.js';
import type { GatewayContext } from '../gateway-context.js';
import { ClientQueue, type QueueBudget } from './client-queue.js';
import { connectionRequest, CredentialWatch, keyCredentialOf } from './connection-auth.js';
import type { GatewayFederation } from './gateway-federation.js';
import { createSubscriptionMetrics } from './subscription-metrics.js';
import { CLOSE, resolveSubscriptionOptions, type SubscriptionServerOptions } from './subscription-options.js';
import { SubscriptionPlanner } from './subscription-planner.js';
import { SubscriptionRegistry, type SubscribeRequest } from './subscription-registry.js';
import { UpstreamConnections } from './upstream-connections.js';

/** What the server needs from the gateway instance. */
export interface SubscriptionGateway {
  logger: Logger;
  metrics: ServiceMetrics;
  subgraphUrls: Readonly<Record<string, string>>;
  createContext(req: IncomingMessage): Promise<GatewayContext>;
  federation: GatewayFederation;
}

export interface AttachSubscriptionsOptions extends SubscriptionServerOptions {
  server: Server;
  gateway: SubscriptionGateway;
  /** @default '/graphql' */
  path?: string;
}

export interface GatewaySubscriptions {
  /** Closes every client connection (1001) and every upstream subscription. */
  close(): Promise<void>;
}

type ConnectionState = {
  claims?: Claims;
  budget?: QueueBudget;
  open?: number;
  unwatch?: () => void;
};

interface SubscriptionContext {
  request: SubscribeRequest;
  connection: ConnectionState;
}

/** The parser stops after this many tokens, as on HTTP. */
const MAX_TOKENS = 5_000;

/** Attach before the gateway starts: the planner follows the supergraph the gateway loads, and every reload. */
export function attachGatewaySubscriptions(options: AttachSubscriptionsOptions): GatewaySubscriptions {
  const { gateway } = options;
  const settings = resolveSubscriptionOptions(options);
  const path = options.path ?? '/graphql';
  const logger = gateway.logger;
  const metrics = createSubscriptionMetrics(gateway.metrics.registry);
  const formatError = createGatewayErrorFormatter(logger);
  const connections = new UpstreamConnections({ subgraphUrls: gateway.subgraphUrls, signClaims: gateway.federation.signClaims, keepAliveMs: settings.keepAliveMs });
  const registry = new SubscriptionRegistry({ federation: gateway.federation, connections, formatError, metrics, settings, logger });
  const watch = new CredentialWatch(gateway.createContext, settings.reauthenticateMs);
  const perKey = new Map<string, number>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  let planner: SubscriptionPlanner | null = null;

  const closeAll = (code: number, reason: string, why: string) => {
    for (const socket of wss.clients) {
      metrics.closed.inc({ reason: why });
      socket.close(code, reason);
    }
  };
  const stopFollowing = gateway.federation.gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    if (planner?.supergraphSdl === coreSupergraphSdl) return;
    const reloaded = planner !== null;
    planner = new SubscriptionPlanner(coreSupergraphSdl);
    if (!reloaded) return;
    // Plans and shared upstreams belong to the old graph: clients reconnect and subscribe against the new one.
    logger.info('supergraph reloaded: closing subscriptions so clients resubscribe');
    closeAll(CLOSE.SERVICE_RESTART, 'Service restart: the gateway loaded a new supergraph; reconnect', 'supergraph_reload');
    registry.clear();
  });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((req.url ?? '/').split('?', 1)[0] !== path) return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  options.server.on('upgrade', onUpgrade);

  const refuse = (message: string, code: string, extensions: Record<string, unknown> = {}) => [new GraphQLError(message, { extensions: { code, ...extensions } })];
  const formatted = (errors: readonly GraphQLError[]) => errors.map((e) => formatError(e.toJSON(), e));

  useServer<Record<string, unknown>, ConnectionState>(
    {
      async onConnect(ctx) {
        const socket = ctx.extra.socket as WebSocket;
        const request = connectionRequest(ctx.extra.request, ctx.connectionParams);
        let claims: Claims;
        try {
          claims = (await gateway.createContext(request)).claims;
        } catch (error) {
          metrics.closed.inc({ reason: 'forbidden' });
          socket.close(CLOSE.FORBIDDEN, closeReason(`Forbidden: ${(error as Error).message}`));
          return false;
        }
        ctx.extra.claims = claims;
        ctx.extra.open = 0;
        let overflowed = false;
        ctx.extra.budget = {
          queued: 0,
          limit: settings.maxQueuedPerConnection,
          overflow: () => {
            if (overflowed) return;
            overflowed = true;
            metrics.closed.inc({ reason: 'slow_consumer' });
            socket.close(CLOSE.SLOW_CONSUMER, closeReason(`Slow consumer: more than ${settings.maxQueuedPerConnection} changes waiting; reconnect and read faster`));
          },
        };
        const credential = keyCredentialOf(request);
        if (credential) ctx.extra.unwatch = watch.watch(credential, request, { revoke: (message) => (metrics.closed.inc({ reason: 'revoked' }), socket.close(CLOSE.FORBIDDEN, closeReason(`Forbidden: ${message}`))) });
        metrics.connections.inc();
        return true;
      },
      onClose(ctx) {
        ctx.extra.unwatch?.();
        if (ctx.acknowledged) metrics.connections.dec();
      },
      onSubscribe(ctx, _id, payload: SubscribePayload) {
        const current = planner;
        if (!current) return refuse('The gateway is starting; subscribe again shortly', 'SERVICE_UNAVAILABLE');
        const connection = ctx.extra;
        const claims = connection.claims!;
        if (connection.open! >= settings.maxSubscriptionsPerConnection) {
          return refuse(`At most ${settings.maxSubscriptionsPerConnection} subscriptions per connection`, 'RATE_LIMITED', { limit: 'maxSubscriptionsPerConnection' });
        }
        if ((perKey.get(claims.sub) ?? 0) >= settings.maxSubscriptionsPerKey) {
          return refuse(`At most ${settings.maxSubscriptionsPerKey} open subscriptions per API key`, 'RATE_LIMITED', { limit: 'maxSubscriptionsPerKey' });
        }
        try {
          const document = parseOperation(payload.query);
          const operation = current.operationOf(document, payload.operationName);
          for (const check of settings.checks) check({ schema: current.schema, document, operation, claims });
          const coerced = getVariableValues(current.schema, operation.variableDefinitions ?? [], payload.variables ?? {});
          if (coerced.errors) return coerced.errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT' } }));
          const operationKey = `${createHash('sha256').update(payload.query).digest('hex')}:${operation.name?.value ?? ''}`;
          const planned = current.plan(operationKey, document, operation);
          const request: SubscribeRequest = { planner: current, planned, operationKey, variables: coerced.coerced, claims };
          // Counted here, not in subscribe(): a client's subscribe messages are handled concurrently, and each must
          // see the ones before it. Given back when the subscription's queue closes.
          connection.open!++;
          perKey.set(claims.sub, (perKey.get(claims.sub) ?? 0) + 1);
          return { schema: current.schema, document, operationName: payload.operationName, variableValues: coerced.coerced, contextValue: { request, connection } satisfies SubscriptionContext } satisfies ExecutionArgs;
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
      },
      subscribe(args: ExecutionArgs) {
        const { request, connection } = args.contextValue as SubscriptionContext;
        const sub = request.claims.sub;
        metrics.subscriptions.inc();
        let leave = () => {};
        const queue = new ClientQueue(connection.budget!, { coalesced: () => metrics.events.inc({ outcome: 'coalesced' }) }, settings.coalesceAfter, () => {
          leave();
          connection.open!--;
          const left = (perKey.get(sub) ?? 1) - 1;
          if (left > 0) perKey.set(sub, left);
          else perKey.delete(sub);
          metrics.subscriptions.dec();
        });
        try {
          leave = registry.attach(request, queue);
        } catch (error) {
          // Unexpected (e.g. a subgraph without a URL): the client gets a masked error message, the count is given back.
          queue.fail(error);
        }
        // It yields results already formatted for clients; onNext sends them as they are.
        return queue as unknown as AsyncIterable<ExecutionResult>;
      },
      // Results come formatted from the executor (the same masking as HTTP): sent as they are.
      onNext: (_ctx, _id, _payload, _args, result) => {
        metrics.events.inc({ outcome: 'delivered' });
        return result as FormattedExecutionResult;
      },
      onError: (_ctx, _id, _payload, errors) => formatted(errors),
    },
    wss,
    settings.keepAliveMs,
  );

  return {
    async close() {
      options.server.off('upgrade', onUpgrade);
      stopFollowing();
      watch.stop();
      closeAll(CLOSE.GOING_AWAY, 'Going away: the gateway is stopping', 'shutdown');
      registry.clear();
      await connections.close();
      const closed = new Promise<void>((resolve) => wss.close(() => resolve()));
      // A client that does not answer the close handshake must not hold up the gateway's stop.
      const timer = setTimeout(() => wss.clients.forEach((socket) => socket.terminate()), 1_000);
      await closed;
      clearTimeout(timer);
    },
  };
}

function parseOperation(query: string): DocumentNode {
  try {
    return parse(query, { maxTokens: MAX_TOKENS });
  } catch (error) {
    throw new GraphQLError((error as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  }
}

/** A close reason is at most 123 bytes on the wire. */
function closeReason(text: string): string {
  return Buffer.byteLength(text) <= 123 ? text : `${Buffer.from(text).subarray(0, 120).toString('utf8').replace(/\uFFFD$/, '')}...`;
}
