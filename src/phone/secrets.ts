import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

function digest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** Compares a secret a request carries with the expected one in constant time (digests have one length). */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The secret in one call's callback URL; only its hash is stored with the call. */
export function newCallSecret(): { secret: string; hash: string } {
  const secret = randomBytes(24).toString('base64url');
  return { secret, hash: digest(secret).toString('base64url') };
}

export function callSecretMatches(secret: string, hash: string): boolean {
  const expected = Buffer.from(hash, 'base64url');
  return expected.length === 32 && timingSafeEqual(digest(secret), expected);
}
