/**
 * The dashboard's Content-Security-Policy: scripts (its own and Chart.js) and styles only from this server,
 * no inline script or style, data only from this server, forms only to itself, never framed.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
