import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { Logger } from '../logging/logger';
import { isLoopbackUrl } from '../server/security/loopback';

export interface AcsSigningKeysOptions {
  /** ACS's OpenID configuration; its `jwks_uri` names the key set. */
  openIdConfigurationUrl: string;
  logger: Logger;
  /** Milliseconds since the epoch (tests move it). */
  now?: () => number;
}

/** Keys are fetched again after this long, as Bot Framework's are. */
const maxAgeMs = 24 * 60 * 60 * 1000;
/**
 * A token naming a key the set does not have fetches the set again (ACS has rotated its key), but not
 * more often than this: made-up key ids must not make every request a fetch. A failed fetch waits as long.
 */
export const unknownKeyCooldownMs = 30_000;
const fetchTimeoutMs = 10_000;

/** Thrown when no key set could ever be fetched: no token can be checked. */
export class SigningKeysUnavailable extends Error {}

function secureOrLoopback(url: string): boolean {
  return url.startsWith('https://') || isLoopbackUrl(url);
}

async function fetchJson(url: string): Promise<unknown> {
  if (!secureOrLoopback(url)) throw new Error(`${url} is not https`);
  const response = await fetch(url, { signal: AbortSignal.timeout(fetchTimeoutMs) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

/** fetch's own message ("fetch failed") says little: its cause says what went wrong. */
function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

/** The RSA signing keys of a JWKS by their kid; other keys are skipped. */
function rsaKeysOf(jwks: unknown): Map<string, KeyObject> {
  const keys = new Map<string, KeyObject>();
  const entries = (jwks as { keys?: unknown } | undefined)?.keys;
  for (const jwk of Array.isArray(entries) ? (entries as JsonWebKey[]) : []) {
    if (jwk.kty !== 'RSA' || typeof jwk.kid !== 'string' || (jwk.use !== undefined && jwk.use !== 'sig')) continue;
    try {
      keys.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
    } catch {
      // A malformed key cannot have signed anything we accept.
    }
  }
  return keys;
}

/**
 * The public keys ACS signs its Call Automation callbacks with, from its OpenID configuration: fetched
 * when first needed, kept for a day, fetched again for a key id not seen (rotation). Concurrent lookups
 * share one fetch. When a fetch fails, the keys fetched before are kept.
 */
export class AcsSigningKeys {
  private keys = new Map<string, KeyObject>();
  private fetchedAt?: number;
  private unknownKeyFetchAt = -Infinity;
  private failedAt = -Infinity;
  private lastError?: string;
  private fetching?: Promise<void>;
  private readonly now: () => number;

  constructor(private readonly options: AcsSigningKeysOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The public key with this id; undefined when ACS does not publish one. */
  async find(kid: string): Promise<KeyObject | undefined> {
    if (this.fetching) await this.fetching;
    const now = this.now();
    const stale = this.fetchedAt === undefined || now - this.fetchedAt > maxAgeMs;
    const unknown = !stale && !this.keys.has(kid) && now - this.unknownKeyFetchAt >= unknownKeyCooldownMs;
    if ((stale || unknown) && now - this.failedAt >= unknownKeyCooldownMs) {
      if (unknown) this.unknownKeyFetchAt = now;
      await this.fetchAgain();
    }
    if (this.fetchedAt === undefined) throw new SigningKeysUnavailable(`ACS signing keys could not be fetched: ${this.lastError}`);
    return this.keys.get(kid);
  }

  private fetchAgain(): Promise<void> {
    this.fetching ??= this.fetchKeys().finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  private async fetchKeys(): Promise<void> {
    const { openIdConfigurationUrl, logger } = this.options;
    try {
      const configuration = (await fetchJson(openIdConfigurationUrl)) as { jwks_uri?: unknown } | undefined;
      if (typeof configuration?.jwks_uri !== 'string') throw new Error(`${openIdConfigurationUrl} names no jwks_uri`);
      const keys = rsaKeysOf(await fetchJson(configuration.jwks_uri));
      if (!keys.size) throw new Error(`${configuration.jwks_uri} has no RSA signing keys`);
      this.keys = keys;
      this.fetchedAt = this.now();
      logger.info('ACS signing keys fetched', { keys: [...keys.keys()] });
    } catch (error) {
      this.failedAt = this.now();
      this.lastError = errorText(error);
      logger.warn('ACS signing keys could not be fetched', { error: this.lastError, keptKeys: this.keys.size });
    }
  }
}
