// The API key's text form `rh_live_<id>_<secret>`: minting, parsing, hashing and the constant-time check.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Visible prefix: secret scanners and people recognise a hub key by it. */
export const KEY_PREFIX = 'rh_live_';

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const KEY_PATTERN = /^rh_live_([a-z2-9]{12})_([A-Za-z0-9_-]{43})$/;

export interface MintedKey {
  /** Public: shown in listings and logs, used to look the key up. */
  id: string;
  /** The whole key the holder sends; shown once, never stored. */
  key: string;
  /** SHA-256 of the 256-bit secret part, hex: all the store keeps. */
  secretHash: string;
}

export function mintApiKey(): MintedKey {
  const id = [...randomBytes(12)].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
  // 32 random bytes = 256 bits; base64url without padding is 43 characters.
  const secret = randomBytes(32).toString('base64url');
  return { id, key: `${KEY_PREFIX}${id}_${secret}`, secretHash: hashSecret(secret) };
}

/** The id and secret of a well-formed key; null for anything else (the caller answers 401 without a lookup). */
export function parseApiKey(text: string): { id: string; secret: string } | null {
  const match = KEY_PATTERN.exec(text);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

/**
 * A plain SHA-256 is enough here: the secret has 256 bits of entropy, so there is nothing for a slow
 * password hash to protect against, and a fast hash keeps authentication off the request's critical path.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** What may be shown of a key after creation: its prefix and id, never the secret. */
export function displayKey(id: string): string {
  return `${KEY_PREFIX}${id}_…`;
}
