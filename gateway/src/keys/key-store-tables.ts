// The gateway's own store: API keys, kept only as hashes.
export interface ApiKeyTable {
  /** Public id, the middle of `rh_live_<id>_<secret>`. */
  id: string;
  name: string;
  /** SHA-256 of the secret, hex. The secret itself is never stored. */
  secret_hash: string;
  /** JSON array of scope strings. */
  scopes: string;
  /** `supplier:SUP-0007` for a partner key; null for an internal key. */
  partner: string | null;
  /** 1: only operations from the persisted-query manifest. */
  safelist_only: number;
  /** The most one operation may cost, in cost points. */
  max_cost: number;
  /** Leaky bucket: how many points the key may spend at once, and how many come back per second. */
  bucket_capacity: number;
  restore_rate: number;
  expires_at: string | null;
  created_at: string;
  created_by: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface KeyStoreDatabase {
  api_key: ApiKeyTable;
}
