// Creates, lists and revokes API keys, and turns a presented key into claims: the one door into the key store.
import { notFound, type Clock } from '@retail-hub/platform';
import { checkCreateKeyInput, type CheckedKeyInput, type CreateApiKeyInput } from './create-key-input.js';
import { toApiKeyRecord, type ApiKeyRecord, type KeyLimits } from './api-key-model.js';
import type { ApiKeyRepository, ApiKeyRow } from './api-key.repository.js';
import { hashSecret, mintApiKey, parseApiKey, secretMatches } from './api-key-secret.js';

export interface ApiKeyServiceOptions {
  /** Limits of a key created without its own. */
  defaultLimits: KeyLimits;
  /**
   * How long a looked-up key is trusted before the store is read again: the most a revocation made by
   * another gateway (or the CLI) can take to bite. @default 500
   */
  cacheTtlMs?: number;
  /** Scopes the schema knows (see checkCreateKeyInput). */
  knownScopes?: ReadonlySet<string>;
  /** Wall time: expiry and revocation are security decisions, not business time. @default system clock */
  clock?: Clock;
}

export interface CreatedApiKey {
  record: ApiKeyRecord;
  /** The whole key: shown to its creator once, never again. */
  key: string;
}

export type Verification = { ok: true; key: ApiKeyRecord } | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' | 'expired' };

interface CacheEntry {
  loadedAt: number;
  row: Promise<ApiKeyRow | undefined>;
}

const MAX_CACHED = 10_000;

export class ApiKeyService {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly ttlMs: number;
  private readonly clock: Clock;

  constructor(private readonly keys: ApiKeyRepository, private readonly options: ApiKeyServiceOptions) {
    this.ttlMs = options.cacheTtlMs ?? 500;
    this.clock = options.clock ?? { now: () => new Date() };
  }

  async create(input: CreateApiKeyInput, createdBy: string): Promise<CreatedApiKey> {
    const now = this.clock.now();
    const checked = checkCreateKeyInput(input, this.options.defaultLimits, now, this.options.knownScopes);
    const minted = mintApiKey();
    const row = this.rowOf(minted.id, minted.secretHash, checked, now, createdBy);
    await this.keys.insert(row);
    return { record: toApiKeyRecord(row), key: minted.key };
  }

  private rowOf(id: string, secretHash: string, checked: CheckedKeyInput, now: Date, createdBy: string): ApiKeyRow {
    return {
      id,
      name: checked.name,
      secret_hash: secretHash,
      scopes: JSON.stringify(checked.scopes),
      partner: checked.partner,
      safelist_only: checked.safelistOnly ? 1 : 0,
      max_cost: checked.limits.maxCost,
      bucket_capacity: checked.limits.bucketCapacity,
      restore_rate: checked.limits.restoreRate,
      expires_at: checked.expiresAt,
      created_at: now.toISOString(),
      created_by: createdBy,
      last_used_at: null,
      revoked_at: null,
    };
  }

  /**
   * Makes sure a key given from outside (HUB_BOOTSTRAP_ADMIN_KEY, for automation) exists, storing only its hash.
   * An existing key of that id must have the same secret; a revoked one stays revoked.
   */
  async ensure(presented: string, input: CreateApiKeyInput, createdBy: string): Promise<ApiKeyRecord> {
    const parsed = parseApiKey(presented);
    if (!parsed) throw new Error('the key is not of the form rh_live_<12 characters>_<43 characters>');
    const existing = await this.keys.findById(parsed.id);
    if (existing) {
      if (!secretMatches(parsed.secret, existing.secret_hash)) throw new Error(`a different key with id ${parsed.id} exists`);
      return toApiKeyRecord(existing);
    }
    const now = this.clock.now();
    const checked = checkCreateKeyInput(input, this.options.defaultLimits, now);
    const row = this.rowOf(parsed.id, hashSecret(parsed.secret), checked, now, createdBy);
    await this.keys.insert(row);
    return toApiKeyRecord(row);
  }

  async list(includeRevoked = false): Promise<ApiKeyRecord[]> {
    return (await this.keys.list(includeRevoked)).map(toApiKeyRecord);
  }

  async get(id: string): Promise<ApiKeyRecord | null> {
    const row = await this.keys.findById(id);
    return row ? toApiKeyRecord(row) : null;
  }

  /** Revokes at once on this gateway; others see it within cacheTtlMs. NOT_FOUND names `id` when no live key has it. */
  async revoke(id: string): Promise<ApiKeyRecord> {
    const revoked = await this.keys.revoke(id, this.clock.now().toISOString());
    this.cache.delete(id);
    const row = await this.keys.findById(id);
    if (!revoked && !row) throw notFound('id', `id: no API key ${id}`);
    return toApiKeyRecord(row!);
  }

  /** Checks a presented key: well-formed, known, secret matching (constant time), not revoked, not expired. */
  async verify(presented: string): Promise<Verification> {
    const parsed = parseApiKey(presented);
    if (!parsed) return { ok: false, reason: 'malformed' };
    const row = await this.lookup(parsed.id);
    // The hash is compared even for an unknown id, so the answer takes as long either way.
    const matches = secretMatches(parsed.secret, row?.secret_hash ?? '0'.repeat(64));
    if (!row || !matches) return { ok: false, reason: 'unknown' };
    if (row.revoked_at) return { ok: false, reason: 'revoked' };
    if (row.expires_at && Date.parse(row.expires_at) <= this.clock.now().getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, key: toApiKeyRecord(row) };
  }

  /** One store read per key per TTL, shared by the requests that arrive meanwhile. */
  private lookup(id: string): Promise<ApiKeyRow | undefined> {
    const now = Date.now();
    const cached = this.cache.get(id);
    if (cached && now - cached.loadedAt < this.ttlMs) return cached.row;
    if (this.cache.size >= MAX_CACHED) this.evictExpired(now);
    const row = this.keys.findById(id);
    this.cache.set(id, { loadedAt: now, row });
    row.catch(() => this.cache.delete(id));
    return row;
  }

  private evictExpired(now: number): void {
    for (const [id, entry] of this.cache) if (now - entry.loadedAt >= this.ttlMs) this.cache.delete(id);
    // Still full (a flood of distinct ids within one TTL): start over rather than grow without bound.
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
  }
}
