import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'restify';
import { bearerToken } from '../http/jsonResponses';
import { clientAddress } from '../security/clientAddress';
import { isLoopbackHost } from '../security/loopback';

/** The cookie the sign-in form sets: a value derived from the token, so the token itself is not kept in the browser. */
export const SUPPORT_COOKIE = 'stepwise_support';

/**
 * Who may open the dashboard: with ADMIN_TOKEN, whoever presents it (bearer or cookie); without it, in local
 * mode, only this machine (the TCP peer is loopback); in production without it, nobody (it is not served).
 */
export type SupportAccess = { kind: 'token'; token: string } | { kind: 'loopback' } | { kind: 'off' };

export type AccessVerdict = 'allowed' | 'signIn' | 'forbidden';

export function supportAccess(localMode: boolean, adminToken: string | undefined): SupportAccess {
  if (adminToken) return { kind: 'token', token: adminToken };
  return localMode ? { kind: 'loopback' } : { kind: 'off' };
}

export function cookieValue(token: string): string {
  return createHmac('sha256', token).update('stepwise support dashboard cookie v1').digest('base64url');
}

/** Compares digests, so neither the time taken nor an early exit tells how much of a guess was right. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function cookieOf(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

export function accessVerdict(req: Request, access: SupportAccess): AccessVerdict {
  if (access.kind === 'off') return 'forbidden';
  if (access.kind === 'loopback') return isLoopbackHost(clientAddress(req)) ? 'allowed' : 'forbidden';
  const bearer = bearerToken(req.headers.authorization);
  if (bearer !== undefined) return sameSecret(bearer, access.token) ? 'allowed' : 'signIn';
  const cookie = cookieOf(req, SUPPORT_COOKIE);
  return cookie !== undefined && sameSecret(cookie, cookieValue(access.token)) ? 'allowed' : 'signIn';
}
