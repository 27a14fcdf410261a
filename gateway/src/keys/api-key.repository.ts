// Reads and writes API key rows; the only code that touches the api_key table.
import type { Kysely, Selectable } from 'kysely';
import type { ApiKeyTable, KeyStoreDatabase } from './key-store-tables.js';

export type ApiKeyRow = Selectable<ApiKeyTable>;

export class ApiKeyRepository {
  constructor(private readonly db: Kysely<KeyStoreDatabase>) {}

  async insert(row: ApiKeyRow): Promise<void> {
    await this.db.insertInto('api_key').values(row).execute();
  }

  async findById(id: string): Promise<ApiKeyRow | undefined> {
    return this.db.selectFrom('api_key').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first. */
  async list(includeRevoked: boolean): Promise<ApiKeyRow[]> {
    return this.db
      .selectFrom('api_key')
      .selectAll()
      .$if(!includeRevoked, (q) => q.where('revoked_at', 'is', null))
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
  }

  /** Marks the key revoked; false when there is no such key or it was revoked already. */
  async revoke(id: string, at: string): Promise<boolean> {
    const result = await this.db.updateTable('api_key').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** One write for a batch of keys' last use; never moves a time backwards. */
  async touch(lastUsed: ReadonlyMap<string, string>): Promise<void> {
    if (lastUsed.size === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const [id, at] of lastUsed) {
        await trx
          .updateTable('api_key')
          .set({ last_used_at: at })
          .where('id', '=', id)
          .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)]))
          .execute();
      }
    });
  }
}
