import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The per-process secret that makes the connector answer only the bot. It is a path segment of the
 * serviceUrl the local Direct Line puts in each activity, so botbuilder's CloudAdapter (which sends no
 * Authorization header without an app id) carries it back on every reply, proactive messages included.
 * It never reaches the browser: the client routes strip serviceUrl from what they return.
 */
export class ConnectorSecret {
  readonly value = randomBytes(32).toString('base64url');
  private readonly digest = sha256(this.value);

  /** Constant-time comparison (hashing first makes the lengths equal). */
  matches(candidate: unknown): boolean {
    return typeof candidate === 'string' && timingSafeEqual(sha256(candidate), this.digest);
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
