// botbuilder's own dependency (same version). Neither class is in the package index: the SDK keeps one
// OpenIdMetadata per metadata URL in JwtTokenExtractor's static cache, and that cache is where ours go.
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata';
import { Backoff, type BackoffOptions } from './backoff';

/**
 * The SDK's OpenIdMetadata fetches the signing keys again on every token it cannot check while a fetch
 * keeps failing (it only remembers successes), so a stream of forged tokens becomes a stream of fetches.
 * Ours keeps the SDK's caching and validation and adds: one fetch at a time, a time limit on it, and
 * after a failure no new fetch before an exponential back-off; tokens arriving meanwhile fail at once
 * with a "keys unavailable" error (503 upstream, as for a failed fetch).
 */
export interface SigningKeyBackoffOptions extends Omit<BackoffOptions, 'now'> {
  /** A fetch that takes longer counts as failed (the SDK sets no time limit). */
  fetchTimeoutMs: number;
}

export const defaultSigningKeyBackoff: SigningKeyBackoffOptions = { initialMs: 1000, maxMs: 5 * 60_000, fetchTimeoutMs: 8000 };

/** What /healthz says about the keys. */
export interface SigningKeyReport {
  healthy: boolean;
  description: string;
}

export interface SigningKeyHealth {
  report(): SigningKeyReport;
}

/** Recognised upstream as "the keys could not be loaded" (statusCode 5xx), not as a bad token. */
class SigningKeysUnavailable extends Error {
  readonly statusCode = 503;
  constructor(message: string) {
    super(message);
    this.name = 'SigningKeysUnavailable';
  }
}

// refreshCache is private in the SDK's typings; this is the JavaScript shape the subclass builds on.
type SdkOpenIdMetadata = Pick<OpenIdMetadata, 'getKey'> & { refreshCache(): Promise<void> };
const SdkOpenIdMetadataClass = OpenIdMetadata as unknown as new (url: string) => SdkOpenIdMetadata;

class BackedOffOpenIdMetadata extends SdkOpenIdMetadataClass {
  private inFlight?: Promise<void>;
  private loaded = false;

  constructor(
    url: string,
    private readonly backoff: Backoff,
    private readonly fetchTimeoutMs: number,
  ) {
    super(url);
  }

  override refreshCache(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (!this.backoff.canTry()) {
      return Promise.reject(
        new SigningKeysUnavailable(`signing keys unreachable since ${this.backoff.failingSince()?.toISOString()}; next attempt after ${this.backoff.nextAttemptAt().toISOString()}`),
      );
    }
    this.inFlight = withTimeout(super.refreshCache(), this.fetchTimeoutMs)
      .then(
        () => {
          this.loaded = true;
          this.backoff.succeeded();
        },
        (error: unknown) => {
          this.backoff.failed();
          throw error;
        },
      )
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  report(): SigningKeyReport & { failingSince?: Date } {
    const failingSince = this.backoff.failingSince();
    if (failingSince) {
      return {
        healthy: false,
        failingSince,
        description: `unreachable since ${failingSince.toISOString()} (next attempt after ${this.backoff.nextAttemptAt().toISOString()})`,
      };
    }
    return { healthy: true, description: this.loaded ? 'up' : 'not loaded yet' };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SigningKeysUnavailable(`signing key fetch took longer than ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function sdkCache(): Map<string, unknown> {
  const cache = (JwtTokenExtractor as unknown as { openIdMetadataCache?: unknown }).openIdMetadataCache;
  // Fail at start-up, not silently, if a botframework-connector upgrade moves the cache.
  if (!(cache instanceof Map)) throw new Error('botframework-connector: JwtTokenExtractor.openIdMetadataCache not found; check signingKeyBackoff.ts');
  return cache as Map<string, unknown>;
}

/**
 * Puts a backed-off key source in the SDK's cache for each metadata URL (reusing one already there, so
 * two authentications in a process share it), and reports on them together: unhealthy while any fails.
 */
export function backOffSigningKeyFetches(metadataUrls: string[], options: SigningKeyBackoffOptions = defaultSigningKeyBackoff): SigningKeyHealth {
  const cache = sdkCache();
  const sources = [...new Set(metadataUrls)].map((url) => {
    const existing = cache.get(url);
    if (existing instanceof BackedOffOpenIdMetadata) return existing;
    const source = new BackedOffOpenIdMetadata(url, new Backoff(options), options.fetchTimeoutMs);
    cache.set(url, source);
    return source;
  });
  return {
    report() {
      const reports = sources.map((source) => source.report());
      const failing = reports.filter((r) => !r.healthy).sort((a, b) => a.failingSince!.getTime() - b.failingSince!.getTime());
      if (failing.length) return { healthy: false, description: failing[0].description };
      return { healthy: true, description: reports.some((r) => r.description === 'up') ? 'up' : 'not loaded yet' };
    },
  };
}
