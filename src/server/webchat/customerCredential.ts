import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The website chat's returning-customer credential: a user id this server issued, with its HMAC.
 * The page keeps it in localStorage and sends it back for its next token, so a reload keeps the
 * same user id (and "Welcome back" finds the customer's step). Only an id signed with our key is
 * honoured: a browser cannot pick someone else's id.
 */
const version = 'v1';
/** Azure Direct Line requires user ids in tokens/generate to start with dl_. */
const userIdPattern = /^dl_[0-9a-f]{32}$/;

export function newWebUserId(): string {
  return `dl_${randomBytes(16).toString('hex')}`;
}

function signature(key: Buffer, userId: string): Buffer {
  return createHmac('sha256', key).update(`stepwise-webchat-user:${version}:${userId}`).digest();
}

export function signCredential(key: Buffer, userId: string): string {
  return `${version}.${userId}.${signature(key, userId).toString('base64url')}`;
}

/** The user id a credential stands for, or undefined when it is not one this key signed. */
export function verifiedUserId(key: Buffer, credential: string): string | undefined {
  const [tag, userId, mac, ...rest] = credential.split('.');
  if (tag !== version || rest.length > 0 || !userId || !mac || !userIdPattern.test(userId)) return undefined;
  // The encoded forms are compared, not the decoded bytes: base64url's last character has spare bits, so
  // decoding would accept more than one spelling of the same signature.
  const given = Buffer.from(mac);
  const expected = Buffer.from(signature(key, userId).toString('base64url'));
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : undefined;
}
