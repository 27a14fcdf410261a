// HMAC-SHA256 signing of claims for gateway -> subgraph calls; subgraphs reject missing, forged or stale ones.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Claims } from './claims.js';

export const CLAIMS_HEADER = 'x-hub-claims';
export const SIGNATURE_HEADER = 'x-hub-claims-signature';

/** A signature older (or further in the future) than this is stale. @default 60 s */
export const DEFAULT_MAX_SKEW_MS = 60_000;

export function signClaims(claims: Claims, secret: string, nowMs = Date.now()): Record<string, string> {
  const encoded = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return { [CLAIMS_HEADER]: encoded, [SIGNATURE_HEADER]: `t=${nowMs},v1=${mac(secret, nowMs, encoded)}` };
}

export type VerifyResult = { ok: true; claims: Claims } | { ok: false; reason: string };

export function verifyClaims(
  headers: { get(name: string): string | null | undefined },
  secret: string,
  nowMs = Date.now(),
  maxSkewMs = DEFAULT_MAX_SKEW_MS,
): VerifyResult {
  const encoded = headers.get(CLAIMS_HEADER);
  const signature = headers.get(SIGNATURE_HEADER);
  if (!encoded || !signature) return { ok: false, reason: 'missing signed claims' };
  const parts = Object.fromEntries(signature.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isFinite(t) || !parts.v1) return { ok: false, reason: 'malformed signature' };
  if (Math.abs(nowMs - t) > maxSkewMs) return { ok: false, reason: 'stale signature' };
  const expected = Buffer.from(mac(secret, t, encoded), 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
  try {
    return { ok: true, claims: JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Claims };
  } catch {
    return { ok: false, reason: 'malformed claims' };
  }
}

function mac(secret: string, t: number, encoded: string): string {
  return createHmac('sha256', secret).update(`${t}.${encoded}`).digest('hex');
}
