/**
 * The page's Content-Security-Policy. Scripts only from this server (no inline script);
 * inline styles are allowed because Web Chat injects its own <style> elements at run time.
 */
export const AZURE_DIRECT_LINE_ORIGIN = 'https://directline.botframework.com';

function originOf(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\//i.test(url)) return undefined; // relative: covered by 'self'
  return new URL(url).origin;
}

/** `embeddingOrigins`: the ISP's own sites allowed to show the page in an iframe. */
export function contentSecurityPolicy(directLineDomain: string, tokenEndpoint?: string, embeddingOrigins: string[] = []): string {
  const connect = new Set(["'self'", AZURE_DIRECT_LINE_ORIGIN]);
  for (const origin of [originOf(directLineDomain), originOf(tokenEndpoint)]) if (origin) connect.add(origin);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${[...connect].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    `frame-ancestors ${["'self'", ...embeddingOrigins].join(' ')}`,
  ].join('; ');
}
