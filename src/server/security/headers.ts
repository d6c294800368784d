import type { ServerResponse } from 'node:http';

/**
 * Headers on every response. Responses are JSON (the chat page sets its own policy: src/server/webchat/contentSecurityPolicy.ts), so by default nothing may be loaded, framed, sniffed or sent a referrer.
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

/** Sets the general headers on a response (restify's res is a ServerResponse). */
export function applySecurityHeaders(res: Pick<ServerResponse, 'setHeader' | 'removeHeader'>): void {
  for (const [name, value] of Object.entries(generalSecurityHeaders)) res.setHeader(name, value);
  // No product or version banner.
  res.removeHeader('Server');
  res.removeHeader('X-Powered-By');
}
