// What createGateway accepts, each option with its default; resolved once into a complete settings object.
import type { ApolloServerPlugin } from '@apollo/server';
import { createLogger, createServiceMetrics, type Logger, type ServiceMetrics } from '@retail-hub/platform';
import { anonymousAuthenticate } from './auth/anonymous-authenticate.js';
import type { Authenticate } from './auth/authenticate.js';
import { serviceCallerAuthenticate } from './auth/service-caller-authenticate.js';
import { DEFAULT_SUPERGRAPH_PATH } from './default-paths.js';
import type { GatewayContext } from './gateway-context.js';

export interface GatewayOptions {
  /** Signs the claims sent to subgraphs; the subgraphs hold the same secret (`HUB_CLAIMS_SECRET`). Required. */
  claimsSecret: string;
  /** The composed supergraph to serve. @default gateway/supergraph.graphql */
  supergraphPath?: string;
  /** Subgraph URLs by subgraph name, replacing the ones written in the supergraph. @default {} */
  subgraphUrls?: Record<string, string>;
  /** A subgraph call (answer included) slower than this fails with SUBGRAPH_TIMEOUT. @default 10_000 */
  subgraphTimeoutMs?: number;
  /**
   * How long an idle connection to a subgraph is kept for reuse. Below the subgraphs' own 65 s keep-alive, so the
   * gateway, not the subgraph, closes idle connections and never sends on one being closed. @default 30_000
   */
  subgraphKeepAliveMs?: number;
  /** The most open connections to one subgraph; further calls wait for a free one. @default 128 */
  subgraphConnections?: number;
  /** Who is calling, once per HTTP request; its claims go to every subgraph call. @default hub services by signed claims, else anonymousAuthenticate(anonymousScopes) */
  authenticate?: Authenticate;
  /** The scopes of the anonymous caller of the default `authenticate`. @default ['*'] */
  anonymousScopes?: string[];
  /** Schema introspection, which the explorer's docs and autocompletion need. @default true */
  introspection?: boolean;
  /** Extra Apollo plugins (limits, auth rules), run after the gateway's own. @default [] */
  plugins?: ApolloServerPlugin<GatewayContext>[];
  /** @default createLogger('gateway') */
  logger?: Logger;
  /** @default createServiceMetrics('gateway') */
  metrics?: ServiceMetrics;
  /**
   * @apollo/gateway reports usage metrics to Apollo's servers (and probes cloud metadata endpoints) unless
   * APOLLO_TELEMETRY_DISABLED is set; a self-hosted hub does not phone home. @default false
   */
  apolloTelemetry?: boolean;
}

export type ResolvedGatewayOptions = Required<GatewayOptions>;

export function resolveGatewayOptions(options: GatewayOptions): ResolvedGatewayOptions {
  if (!options.claimsSecret) throw new Error('createGateway: claimsSecret is required (the secret shared with the subgraphs)');
  const anonymousScopes = options.anonymousScopes ?? ['*'];
  return {
    claimsSecret: options.claimsSecret,
    supergraphPath: options.supergraphPath ?? DEFAULT_SUPERGRAPH_PATH,
    subgraphUrls: options.subgraphUrls ?? {},
    subgraphTimeoutMs: options.subgraphTimeoutMs ?? 10_000,
    subgraphKeepAliveMs: options.subgraphKeepAliveMs ?? 30_000,
    subgraphConnections: options.subgraphConnections ?? 128,
    authenticate: options.authenticate ?? serviceCallerAuthenticate(options.claimsSecret, anonymousAuthenticate(anonymousScopes)),
    anonymousScopes,
    introspection: options.introspection ?? true,
    plugins: options.plugins ?? [],
    logger: options.logger ?? createLogger('gateway'),
    metrics: options.metrics ?? createServiceMetrics('gateway'),
    apolloTelemetry: options.apolloTelemetry ?? false,
  };
}
