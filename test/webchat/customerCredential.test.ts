import { randomBytes } from 'node:crypto';
import { newWebUserId, signCredential, verifiedUserId } from '../../src/server/webchat/customerCredential';

const key = randomBytes(32);
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

test('a credential this key signed gives its user id back', () => {
  const userId = newWebUserId();
  expect(verifiedUserId(key, signCredential(key, userId))).toBe(userId);
});

test('every other spelling of the signature is refused, even one that decodes to the same bytes', () => {
  // The last base64url character of a 32-byte signature carries 2 spare bits: four characters decode alike.
  for (let i = 0; i < 20; i++) {
    const credential = signCredential(key, newWebUserId());
    const last = credential.at(-1)!;
    for (const other of alphabet.replace(last, '')) {
      expect([other, verifiedUserId(key, credential.slice(0, -1) + other)]).toEqual([other, undefined]);
    }
  }
});

test('another key, another id or a changed version is refused', () => {
  const userId = newWebUserId();
  const credential = signCredential(key, userId);
  expect(verifiedUserId(randomBytes(32), credential)).toBeUndefined();
  expect(verifiedUserId(key, credential.replace(userId, newWebUserId()))).toBeUndefined();
  expect(verifiedUserId(key, credential.replace(/^v1\./, 'v2.'))).toBeUndefined();
  expect(verifiedUserId(key, `${credential}.extra`)).toBeUndefined();
});
