// What createGateway accepts, each option with its default; resolved once into a complete settings object.
import type { ApolloServerPlugin } from '@apollo/server';
import { createLogger, createServiceMetrics, type Logger, type ServiceMetrics } from '@retail-hub/platform';
import { apiKeyAuthenticate } from './auth/api-key-authenticate.js';
import type { Authenticate } from './auth/authenticate.js';
import { serviceCallerAuthenticate } from './auth/service-caller-authenticate.js';
import { DEFAULT_COST_SETTINGS, type CostSettings } from './cost/cost-model.js';
import { DEFAULT_SUPERGRAPH_PATH } from './default-paths.js';
import type { GatewayContext } from './gateway-context.js';
import type { KeyLimits } from './keys/api-key-model.js';
import type { KeyStore } from './keys/key-store.js';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './operation/operation-limits.js';
import { EMPTY_MANIFEST, type PersistedQueryManifest } from './persisted/persisted-query-manifest.js';
import type { BucketStore } from './rate-limit/bucket-store.js';
import { MemoryBucketStore } from './rate-limit/memory-bucket-store.js';

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
  /** API keys (Bearer authentication and /admin/graphql). The gateway closes it on stop. @default null: no keys */
  keyStore?: KeyStore | null;
  /** Who is calling, once per HTTP request; its claims go to every subgraph call. @default hub services by signed claims, else API keys, else the anonymous caller */
  authenticate?: Authenticate;
  /** Scopes of a caller that sends no key; null or [] refuses such callers with 401. @default null */
  anonymousScopes?: string[] | null;
  /** Production: no introspection, no field suggestions in errors. @default false */
  production?: boolean;
  /** Schema introspection, which the explorer's docs and autocompletion need (partner keys never). @default !production */
  introspection?: boolean;
  /** `filter` refused fields (null + error at their path) or `reject` the operation. @default 'filter' */
  authorizationMode?: 'filter' | 'reject';
  /** Shape limits checked before execution. @default DEFAULT_OPERATION_LIMITS */
  limits?: Partial<OperationLimits>;
  /** The parser stops after this many tokens. @default 5_000 */
  maxTokens?: number;
  /** Larger request bodies are refused with 413 before they are read whole. @default 131_072 */
  maxBodyBytes?: number;
  /** Demand-control defaults (list size, mutation cost). @default DEFAULT_COST_SETTINGS */
  cost?: Partial<CostSettings>;
  /** Where rate-limit buckets live. The gateway closes it on stop. @default a MemoryBucketStore */
  buckets?: BucketStore;
  /** Cost limits of callers without a key, per client address. @default 500 per operation, bucket 500, 25/s */
  anonymousLimits?: KeyLimits;
  /** The safelist (persisted query manifest). @default none */
  persistedQueries?: PersistedQueryManifest;
  /** Automatic persisted queries for clients that are not safelist-only. @default true */
  automaticPersistedQueries?: boolean;
  /** Browser origins allowed by CORS. @default [] */
  corsOrigins?: string[];
  /** Extra Apollo plugins, run after the gateway's own. @default [] */
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

export type ResolvedGatewayOptions = Required<Omit<GatewayOptions, 'limits' | 'cost'>> & { limits: OperationLimits; cost: CostSettings };

/** Cost limits of a key created without its own (the key store's default). */
export const DEFAULT_KEY_LIMITS: KeyLimits = { maxCost: 1000, bucketCapacity: 1000, restoreRate: 50 };
export const DEFAULT_ANONYMOUS_LIMITS: KeyLimits = { maxCost: 500, bucketCapacity: 500, restoreRate: 25 };

export function resolveGatewayOptions(options: GatewayOptions): ResolvedGatewayOptions {
  if (!options.claimsSecret) throw new Error('createGateway: claimsSecret is required (the secret shared with the subgraphs)');
  const anonymousScopes = options.anonymousScopes?.length ? options.anonymousScopes : null;
  const keyStore = options.keyStore ?? null;
  const production = options.production ?? false;
  return {
    claimsSecret: options.claimsSecret,
    supergraphPath: options.supergraphPath ?? DEFAULT_SUPERGRAPH_PATH,
    subgraphUrls: options.subgraphUrls ?? {},
    subgraphTimeoutMs: options.subgraphTimeoutMs ?? 10_000,
    subgraphKeepAliveMs: options.subgraphKeepAliveMs ?? 30_000,
    subgraphConnections: options.subgraphConnections ?? 128,
    keyStore,
    authenticate:
      options.authenticate ??
      serviceCallerAuthenticate(options.claimsSecret, apiKeyAuthenticate({ keys: keyStore?.keys ?? null, lastUsed: keyStore?.lastUsed, anonymousScopes })),
    anonymousScopes,
    production,
    introspection: options.introspection ?? !production,
    authorizationMode: options.authorizationMode ?? 'filter',
    limits: { ...DEFAULT_OPERATION_LIMITS, ...options.limits },
    maxTokens: options.maxTokens ?? 5_000,
    maxBodyBytes: options.maxBodyBytes ?? 128 * 1024,
    cost: { ...DEFAULT_COST_SETTINGS, ...options.cost },
    buckets: options.buckets ?? new MemoryBucketStore(),
    anonymousLimits: options.anonymousLimits ?? DEFAULT_ANONYMOUS_LIMITS,
    persistedQueries: options.persistedQueries ?? EMPTY_MANIFEST,
    automaticPersistedQueries: options.automaticPersistedQueries ?? true,
    corsOrigins: options.corsOrigins ?? [],
    plugins: options.plugins ?? [],
    logger: options.logger ?? createLogger('gateway'),
    metrics: options.metrics ?? createServiceMetrics('gateway'),
    apolloTelemetry: options.apolloTelemetry ?? false,
  };
}
