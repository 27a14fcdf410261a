// Turns the security config into the gateway's options: opens the key store, the bucket store and the safelist.
import { readFileSync } from 'node:fs';
import type { Logger, StoreConfig } from '@retail-hub/platform';
import { DEFAULT_KEY_LIMITS, type GatewayOptions } from '../gateway-options.js';
import { CATALOGUE_SCOPES } from '../keys/create-key-input.js';
import { openKeyStore } from '../keys/key-store.js';
import { readPersistedQueryManifest } from '../persisted/persisted-query-manifest.js';
import type { BucketStore } from '../rate-limit/bucket-store.js';
import { MemoryBucketStore } from '../rate-limit/memory-bucket-store.js';
import { RedisBucketStore } from '../rate-limit/redis-bucket-store.js';
import { readSchemaPolicies } from '../supergraph/schema-policies.js';
import type { SecurityConfig } from './security-config.js';

export type SecurityOptions = Pick<
  GatewayOptions,
  | 'keyStore' | 'anonymousScopes' | 'production' | 'authorizationMode' | 'limits' | 'maxTokens' | 'maxBodyBytes'
  | 'buckets' | 'anonymousLimits' | 'persistedQueries' | 'automaticPersistedQueries' | 'corsOrigins'
>;

/** The scopes a key may be given: those the supergraph's @requiresScopes name, and the catalogue's. */
export function knownScopesOf(supergraphPath: string): Set<string> | undefined {
  const scopes = readSchemaPolicies(readFileSync(supergraphPath, 'utf8')).scopes;
  // A supergraph without scope rules yet cannot tell a typo from a new scope: accept any well-formed one.
  return scopes.size ? new Set([...scopes, ...CATALOGUE_SCOPES]) : undefined;
}

export async function openGatewaySecurity(config: SecurityConfig, store: StoreConfig, deps: { logger: Logger; supergraphPath: string }): Promise<SecurityOptions> {
  const persistedQueries = config.persistedQueriesPath ? readPersistedQueryManifest(config.persistedQueriesPath) : undefined;
  let buckets: BucketStore;
  if (config.redisUrl) {
    const redis = new RedisBucketStore({ url: config.redisUrl });
    await redis.ready().catch(async (error: Error) => {
      await redis.close();
      throw new Error(`HUB_REDIS_URL: cannot reach Redis at ${config.redisUrl} (${error.message})`);
    });
    buckets = redis;
  } else {
    buckets = new MemoryBucketStore();
  }
  const keyStore = await openKeyStore(store, { defaultLimits: DEFAULT_KEY_LIMITS, knownScopes: knownScopesOf(deps.supergraphPath), logger: deps.logger });
  if (config.bootstrapAdminKey) {
    try {
      // Automation (provisioning, test suites) drives the hub through this key: it is not throttled like a client.
      const key = await keyStore.keys.ensure(
        config.bootstrapAdminKey,
        { name: 'bootstrap admin (HUB_BOOTSTRAP_ADMIN_KEY)', scopes: ['*'], maxCost: 100_000, bucketCapacity: 10_000_000, restoreRate: 1_000_000 },
        'bootstrap',
      );
      deps.logger.info({ keyId: key.id }, 'bootstrap admin key present');
    } catch (error) {
      await Promise.all([keyStore.close(), buckets.close()]);
      throw new Error(`HUB_BOOTSTRAP_ADMIN_KEY: ${(error as Error).message}`);
    }
  }
  return {
    keyStore,
    anonymousScopes: config.anonymousScopes,
    production: config.production,
    authorizationMode: config.authorizationMode,
    limits: config.limits,
    maxTokens: config.maxTokens,
    maxBodyBytes: config.maxBodyBytes,
    buckets,
    anonymousLimits: config.anonymousLimits,
    persistedQueries,
    automaticPersistedQueries: config.automaticPersistedQueries,
    corsOrigins: config.corsOrigins,
  };
}
