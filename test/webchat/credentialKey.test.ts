import { createMemoryLogger } from '../../src/logging/logger';
import { StepwiseMemoryStorage } from '../../src/storage/memoryStorage';
import { CREDENTIAL_KEY_STORAGE_KEY, credentialKeyFromSecret, storedCredentialKey } from '../../src/server/webchat/credentialKey';
import { newWebUserId, signCredential, verifiedUserId } from '../../src/server/webchat/customerCredential';

const day = 24 * 60 * 60 * 1000;

test('the local key is created once, shared by every reader of the store, and written again daily so retention keeps it', async () => {
  let now = Date.parse('2026-03-02T09:00:00Z');
  const storage = new StepwiseMemoryStorage(() => new Date(now));
  const logger = createMemoryLogger();
  const [first, second] = [storedCredentialKey(storage, logger, () => now), storedCredentialKey(storage, logger, () => now)];
  const [a, b] = await Promise.all([first(), second()]);
  expect(a.equals(b)).toBe(true);
  expect(a).toHaveLength(32);
  expect(logger.lines.filter((line) => line.includes('webchat.credential_key_created'))).toHaveLength(1);

  now += 29 * day;
  await first();
  // Older than 30 days would be swept: the daily rewrite kept it.
  expect(await storage.deleteOlderThan(new Date(now - 2 * day))).toBe(0);
  expect((await storage.read([CREDENTIAL_KEY_STORAGE_KEY]))[CREDENTIAL_KEY_STORAGE_KEY]).toBeDefined();
  expect((await storedCredentialKey(storage, logger, () => now)()).equals(a)).toBe(true);
});

test('a credential names a dl_ user id and verifies only with the key that signed it', async () => {
  const key = await credentialKeyFromSecret('secret-one')();
  expect((await credentialKeyFromSecret('secret-one')()).equals(key)).toBe(true);
  const other = await credentialKeyFromSecret('secret-two')();
  const userId = newWebUserId();
  expect(userId).toMatch(/^dl_[0-9a-f]{32}$/);
  const credential = signCredential(key, userId);
  expect(verifiedUserId(key, credential)).toBe(userId);
  expect(verifiedUserId(other, credential)).toBeUndefined();
  // Only ids of the form this server issues, even when signed.
  expect(verifiedUserId(key, signCredential(key, 'webchat-user-1'))).toBeUndefined();
});
