/**
 * Browsers send `Origin` on every cross-site POST (and on same-origin ones), so a page elsewhere cannot
 * hide where it comes from. A request without one is not a browser's cross-site request.
 */
export interface OriginPolicy {
  /** Origins besides this server's own, e.g. the ISP's sites that embed the chat page. */
  allowedOrigins: readonly string[];
}

function normalizedOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

function normalizedHost(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).host;
  } catch {
    return undefined;
  }
}

/**
 * True when there is no Origin, when it names this server (its host:port is the request's Host, so
 * `localhost` and `127.0.0.1` both work for whichever the browser used), or when it is allowed.
 * `Origin: null` (sandboxed frames, file: pages) is refused.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, policy: OriginPolicy): boolean {
  if (origin === undefined) return true;
  const normalized = normalizedOrigin(origin);
  if (!normalized) return false;
  if (host !== undefined && new URL(normalized).host === normalizedHost(host)) return true;
  return policy.allowedOrigins.some((allowed) => normalizedOrigin(allowed) === normalized);
}
