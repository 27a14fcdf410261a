// The gateway's security settings from the environment, read once at start: anonymous access, limits, buckets, safelist, CORS.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KeyLimits } from '../keys/api-key-model.js';
import type { OperationLimits } from '../operation/operation-limits.js';

/** What a caller without a key may do in development: read everything, change nothing. */
export const DEV_ANONYMOUS_SCOPES = ['*:read'];

/** The committed safelist, used when HUB_PERSISTED_QUERIES is not set. */
export const DEFAULT_MANIFEST_PATH = fileURLToPath(new URL('../../persisted-queries.json', import.meta.url));

export interface SecurityConfig {
  production: boolean;
  /** Null: a caller without a key gets 401. */
  anonymousScopes: string[] | null;
  authorizationMode: 'filter' | 'reject';
  limits: Partial<OperationLimits>;
  maxTokens?: number;
  maxBodyBytes?: number;
  /** Shared rate-limit buckets (distributed mode); null keeps them in memory. */
  redisUrl: string | null;
  persistedQueriesPath: string | null;
  automaticPersistedQueries: boolean;
  corsOrigins: string[];
  anonymousLimits?: KeyLimits;
  /** A key to make sure exists at start (automation, tests); only its hash is stored. */
  bootstrapAdminKey: string | null;
}

export class SecurityConfigError extends Error {}

export const SECURITY_ENV_HELP = `Security (environment):
  HUB_ANONYMOUS_SCOPES   scopes of callers without a key, or "none" (default: *:read in
                         development, none in production)
  HUB_AUTHORIZATION_MODE filter (refused fields null, with errors) or reject (default filter)
  HUB_MAX_DEPTH / HUB_MAX_ALIASES / HUB_MAX_ROOT_FIELDS / HUB_MAX_DIRECTIVES
                         shape limits (defaults 12 / 30 / 15 / 50)
  HUB_MAX_TOKENS         parser token limit (default 5000)
  HUB_MAX_BODY_BYTES     request size limit (default 131072)
  HUB_ANONYMOUS_LIMITS   maxCost=500,bucket=500,restore=25 (per client address)
  HUB_REDIS_URL          share rate-limit buckets between gateways through Redis
  HUB_PERSISTED_QUERIES  the safelist manifest (default gateway/persisted-queries.json)
  HUB_APQ                off disables automatic persisted queries (default on)
  HUB_CORS_ORIGINS       browser origins allowed to call, comma-separated (default none)
  HUB_BOOTSTRAP_ADMIN_KEY an rh_live_ key to create at start if missing (automation)
`;

export function readSecurityConfig(env: Record<string, string | undefined>, options: { production: boolean }): SecurityConfig {
  const anonymous = env.HUB_ANONYMOUS_SCOPES?.trim();
  const anonymousScopes =
    anonymous === undefined || anonymous === '' ? (options.production ? null : DEV_ANONYMOUS_SCOPES) : anonymous === 'none' ? null : list(anonymous);
  const mode = env.HUB_AUTHORIZATION_MODE ?? 'filter';
  if (mode !== 'filter' && mode !== 'reject') throw new SecurityConfigError(`HUB_AUTHORIZATION_MODE: expected filter or reject, got "${mode}"`);
  const manifest = env.HUB_PERSISTED_QUERIES ?? (existsSync(DEFAULT_MANIFEST_PATH) ? DEFAULT_MANIFEST_PATH : null);
  return {
    production: options.production,
    anonymousScopes,
    authorizationMode: mode,
    limits: {
      ...optionalInt(env, 'HUB_MAX_DEPTH', 'maxDepth', 1, 100),
      ...optionalInt(env, 'HUB_MAX_ALIASES', 'maxAliases', 0, 10_000),
      ...optionalInt(env, 'HUB_MAX_ROOT_FIELDS', 'maxRootFields', 1, 1000),
      ...optionalInt(env, 'HUB_MAX_DIRECTIVES', 'maxDirectives', 0, 10_000),
    },
    ...optionalInt(env, 'HUB_MAX_TOKENS', 'maxTokens', 100, 1_000_000),
    ...optionalInt(env, 'HUB_MAX_BODY_BYTES', 'maxBodyBytes', 1024, 64 * 1024 * 1024),
    redisUrl: env.HUB_REDIS_URL || null,
    persistedQueriesPath: manifest || null,
    automaticPersistedQueries: env.HUB_APQ !== 'off',
    corsOrigins: list(env.HUB_CORS_ORIGINS ?? ''),
    ...(env.HUB_ANONYMOUS_LIMITS ? { anonymousLimits: limitsOf('HUB_ANONYMOUS_LIMITS', env.HUB_ANONYMOUS_LIMITS) } : {}),
    bootstrapAdminKey: env.HUB_BOOTSTRAP_ADMIN_KEY || null,
  };
}

function list(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

function optionalInt<K extends string>(env: Record<string, string | undefined>, name: string, key: K, min: number, max: number): Partial<Record<K, number>> {
  const raw = env[name];
  if (raw === undefined || raw === '') return {};
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new SecurityConfigError(`${name}: expected a whole number from ${min} to ${max}, got "${raw}"`);
  return { [key]: n } as Partial<Record<K, number>>;
}

/** `maxCost=500,bucket=500,restore=25` */
export function limitsOf(name: string, text: string): KeyLimits {
  const parts = Object.fromEntries(list(text).map((p) => p.split('=', 2).map((s) => s.trim()) as [string, string]));
  const n = (k: string) => {
    const v = Number(parts[k]);
    if (!Number.isInteger(v) || v < 1) throw new SecurityConfigError(`${name}: expected maxCost=N,bucket=N,restore=N with whole numbers >= 1, got "${text}"`);
    return v;
  };
  return { maxCost: n('maxCost'), bucketCapacity: n('bucket'), restoreRate: n('restore') };
}
