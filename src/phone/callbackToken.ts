import jwt from 'jsonwebtoken';
import type { AcsSigningKeys } from './acsSigningKeys';

/** Who signs Call Automation's callbacks (its tokens' `iss`). */
export const acsCallbackIssuer = 'https://acscallautomation.communication.azure.com';
/** Clocks differ a little between ACS and this server. */
const clockToleranceSeconds = 60;

export interface CallbackTokenRefusal {
  status: 401 | 503;
  /** Answered to the sender. */
  reason: string;
  /** Logged only: which check failed. */
  detail?: string;
}

/** Why a callback's `Authorization` header is refused; undefined when it carries ACS's valid token. */
export type CallbackTokenCheck = (authorization: string | undefined) => Promise<CallbackTokenRefusal | undefined>;

export interface CallbackTokenCheckOptions {
  /** The resource's immutable resource id (a GUID). */
  audience: string;
  keys: Pick<AcsSigningKeys, 'find'>;
  /** Milliseconds since the epoch (tests move it). */
  now?: () => number;
}

/** RFC 6750: the scheme (any case), one or more spaces, the token. */
const bearerToken = /^Bearer +([\w-]+\.[\w-]+\.[\w-]*)$/i;

function invalid(detail: string): CallbackTokenRefusal {
  return { status: 401, reason: 'invalid ACS token', detail };
}

/**
 * The check of the JWT ACS puts on every Call Automation callback: RS256, signed by a key of ACS's
 * OpenID configuration, issued by ACS for this resource (audience), and current (exp required, nbf).
 */
export function callbackTokenCheck({ audience, keys, now = Date.now }: CallbackTokenCheckOptions): CallbackTokenCheck {
  // GUIDs compare without regard to case.
  const audiencePattern = new RegExp(`^${audience.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i');
  return async (authorization) => {
    const token = bearerToken.exec(authorization?.trim() ?? '')?.[1];
    if (!token) return { status: 401, reason: 'no ACS token' };
    const kid: unknown = jwt.decode(token, { complete: true })?.header.kid;
    if (typeof kid !== 'string' || !kid) return invalid('no key id in the token');
    let key;
    try {
      key = await keys.find(kid);
    } catch (error) {
      return { status: 503, reason: 'ACS signing keys unavailable', detail: error instanceof Error ? error.message : String(error) };
    }
    if (!key) return invalid(`no ACS signing key ${kid.slice(0, 100)}`);
    try {
      const claims = jwt.verify(token, key, {
        algorithms: ['RS256'],
        issuer: acsCallbackIssuer,
        audience: audiencePattern,
        clockTolerance: clockToleranceSeconds,
        clockTimestamp: Math.floor(now() / 1000),
      });
      // jsonwebtoken accepts a token without exp: one that never expires is not ACS's.
      if (typeof claims === 'string' || typeof claims.exp !== 'number') return invalid('no expiry in the token');
    } catch (error) {
      return invalid(error instanceof Error ? error.message : String(error));
    }
    return undefined;
  };
}
