import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The secrets this service hands out (sign-in links, session cookies, CSRF tokens): 32 random
 * bytes, base64url. Only their SHA-256 is stored, so a copy of the database opens nothing.
 */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashOf(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Constant-time comparison of a presented token with a stored hash. */
export function matchesHash(token: string, hash: Buffer): boolean {
  const presented = hashOf(token);
  return presented.length === hash.length && timingSafeEqual(presented, hash);
}

/** A token must look like one we minted before it is hashed and looked up. */
export function looksLikeSecretToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
