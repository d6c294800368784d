import type { ServerResponse } from 'node:http';

/** Where Web Chat talks to Bot Framework (REST, and WebSocket: CSP's https: source also matches wss:). */
export const directLineOrigin = 'https://directline.botframework.com';

/**
 * Headers on every response. Responses are JSON (or, on the chat page route, a page that sets its own
 * policy), so by default nothing may be loaded, framed, sniffed or sent a referrer.
 */
export const generalSecurityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), geolocation=(), payment=(), usb=()',
};

export interface ChatPagePolicyOptions {
  /** Other origins Web Chat may connect to (a dev Direct Line is same-origin and needs none). */
  extraConnectOrigins?: string[];
  /** A per-response nonce, if the page has an inline script (better: no inline script at all). */
  scriptNonce?: string;
}

/**
 * The content security policy for the chat page: scripts, styles, images and fonts from the page's
 * own origin only, and connections to its own origin and Direct Line only. Web Chat injects its
 * styles at run time, so styles also allow 'unsafe-inline' (styles cannot run script). Images allow
 * data: and blob: (Web Chat's icons and avatars).
 */
export function chatPageContentSecurityPolicy(options: ChatPagePolicyOptions = {}): string {
  const connect = ["'self'", directLineOrigin, ...(options.extraConnectOrigins ?? [])];
  const script = ["'self'", ...(options.scriptNonce ? [`'nonce-${options.scriptNonce}'`] : [])];
  return [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Sets the general headers on a response (restify's res is a ServerResponse). */
export function applySecurityHeaders(res: Pick<ServerResponse, 'setHeader' | 'removeHeader'>): void {
  for (const [name, value] of Object.entries(generalSecurityHeaders)) res.setHeader(name, value);
  // No product or version banner.
  res.removeHeader('Server');
  res.removeHeader('X-Powered-By');
}

/**
 * For the chat page route: the general headers with the page's own content security policy.
 * `server.get('/chat', (req, res) => { applyChatPageSecurityHeaders(res); ... })`.
 */
export function applyChatPageSecurityHeaders(res: Pick<ServerResponse, 'setHeader' | 'removeHeader'>, options: ChatPagePolicyOptions = {}): void {
  applySecurityHeaders(res);
  res.setHeader('Content-Security-Policy', chatPageContentSecurityPolicy(options));
}
