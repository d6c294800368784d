import { hkdfSync, randomBytes } from 'node:crypto';
import type { Logger } from '../../logging/logger';
import type { DurableStorage } from '../../storage/guardedWrite';
import { isETagConflict } from '../../storage/storageErrors';

/** Resolves with the key that signs and checks the website chat's customer credentials. */
export type CredentialKey = () => Promise<Buffer>;

/** Azure mode: derived from the Direct Line secret, so every instance agrees without sharing anything else. */
export function credentialKeyFromSecret(directLineSecret: string): CredentialKey {
  const key = Buffer.from(hkdfSync('sha256', directLineSecret, 'stepwise', 'webchat customer credential v1', 32));
  return async () => key;
}

export const CREDENTIAL_KEY_STORAGE_KEY = 'stepwise/webchat-credential-key';
const dayMs = 24 * 60 * 60 * 1000;

interface StoredKey {
  key: string;
  eTag?: string;
}

/**
 * Local mode has no secret: a random key kept in the state store, so a reload after `npm start` is
 * restarted still finds the customer. Written again once a day so the retention sweep (which goes by
 * the last write) never deletes a key in use. Two processes creating it at once agree on the first write.
 */
export function storedCredentialKey(storage: DurableStorage, logger: Logger, now: () => number = Date.now): CredentialKey {
  let cached: { key: Buffer; writtenAt: number } | undefined;

  const load = async (): Promise<{ key: Buffer; writtenAt: number }> => {
    const stored = (await storage.read([CREDENTIAL_KEY_STORAGE_KEY]))[CREDENTIAL_KEY_STORAGE_KEY] as StoredKey | undefined;
    const key = stored?.key ? Buffer.from(stored.key, 'base64') : randomBytes(32);
    try {
      await storage.writeGuarded([
        { key: CREDENTIAL_KEY_STORAGE_KEY, item: { key: key.toString('base64') }, condition: stored?.eTag ? { kind: 'eTag', eTag: stored.eTag } : { kind: 'absent' } },
      ]);
    } catch (error) {
      if (!isETagConflict(error)) throw error;
      // Another process wrote it first: use theirs.
      const theirs = (await storage.read([CREDENTIAL_KEY_STORAGE_KEY]))[CREDENTIAL_KEY_STORAGE_KEY] as StoredKey | undefined;
      if (!theirs?.key) throw error;
      return { key: Buffer.from(theirs.key, 'base64'), writtenAt: now() };
    }
    if (!stored) logger.info('webchat.credential_key_created');
    return { key, writtenAt: now() };
  };

  let loading: Promise<{ key: Buffer; writtenAt: number }> | undefined;
  return async () => {
    if (cached && now() - cached.writtenAt < dayMs) return cached.key;
    loading ??= load().finally(() => (loading = undefined));
    cached = await loading;
    return cached.key;
  };
}
