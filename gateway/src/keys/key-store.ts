// Opens the gateway's key store (SQLite under the data dir, or PostgreSQL), migrated, with its service and recorder.
import { migrateToLatest, openDatabase, type Logger, type StoreConfig } from '@retail-hub/platform';
import { ApiKeyRepository } from './api-key.repository.js';
import { ApiKeyService, type ApiKeyServiceOptions } from './api-key.service.js';
import { keyStoreMigrations } from './key-store-migrations.js';
import type { KeyStoreDatabase } from './key-store-tables.js';
import { LastUsedRecorder } from './last-used-recorder.js';

export interface KeyStore {
  keys: ApiKeyService;
  lastUsed: LastUsedRecorder;
  close(): Promise<void>;
}

export async function openKeyStore(store: StoreConfig, options: ApiKeyServiceOptions & { logger: Logger; lastUsedFlushMs?: number }): Promise<KeyStore> {
  const database = openDatabase<KeyStoreDatabase>(store);
  try {
    await migrateToLatest(database.db, database.dialect, keyStoreMigrations, 'gateway_migration');
  } catch (error) {
    await database.close();
    throw error;
  }
  const repository = new ApiKeyRepository(database.db);
  const lastUsed = new LastUsedRecorder(repository, { logger: options.logger, flushIntervalMs: options.lastUsedFlushMs });
  return {
    keys: new ApiKeyService(repository, options),
    lastUsed,
    async close() {
      await lastUsed.stop();
      await database.close();
    },
  };
}
