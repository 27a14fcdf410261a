// The cache Apollo resolves persisted query ids from: the safelist manifest first, then automatic persisted queries.
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { PersistedQueryManifest } from './persisted-query-manifest.js';

// Apollo prefixes the ids it asks for; the manifest knows them bare.
const APQ_PREFIX = 'apq:';

/**
 * Manifest ids always resolve and can never be overwritten. `apq` (a bounded LRU) holds what other clients
 * register by sending a hash with its query; null turns automatic persisted queries off.
 */
export class PersistedQueryCache implements KeyValueCache<string> {
  constructor(private readonly manifest: PersistedQueryManifest, private readonly apq: KeyValueCache<string> | null) {}

  async get(key: string): Promise<string | undefined> {
    const id = key.startsWith(APQ_PREFIX) ? key.slice(APQ_PREFIX.length) : key;
    return this.manifest.byId.get(id) ?? (await this.apq?.get(key));
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    await this.apq?.set(key, value, options);
  }

  async delete(key: string): Promise<boolean | void> {
    return this.apq?.delete(key);
  }
}
