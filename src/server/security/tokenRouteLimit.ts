import type restify from 'restify';
import type { Logger } from '../../logging/logger';
import { clientAddress } from './clientAddress';
import { Clock, RateLimiter } from './rateLimiter';

export interface RouteLimitOptions {
  /** The route limited, e.g. POST /api/directline/token. */
  method: string;
  path: string;
  /** Requests per window from one client address (0 = off). */
  limit: number;
  windowMs: number;
  clock?: Clock;
  logger: Logger;
  /** The body of a 429. */
  message: string;
}

/**
 * A per-address limit on one route, checked after routing (so it only counts requests to a route that
 * is mounted) and before the body is parsed. Every Direct Line token costs a call to Azure with the
 * secret and opens a conversation there; a browser needs one per chat. Refusals are logged once per
 * address per window.
 */
export function limitRoute(server: restify.Server, options: RouteLimitOptions): void {
  const limiter = new RateLimiter({ limit: options.limit, windowMs: options.windowMs, clock: options.clock, maxKeys: 10_000 });
  if (!limiter.enabled) return;
  const clock = options.clock ?? Date.now;
  const logged = new Map<string, number>();
  server.use((req, res, next) => {
    const route = req.getRoute();
    if (!route || route.method !== options.method || route.path !== options.path) return next();
    const address = clientAddress(req);
    const decision = limiter.take(address);
    if (decision.allowed) return next();
    const now = clock();
    if ((logged.get(address) ?? -Infinity) <= now) {
      logged.delete(address);
      logged.set(address, now + options.windowMs);
      while (logged.size > 10_000) logged.delete(logged.keys().next().value as string);
      options.logger.warn('rate limit reached', { limit: 'address', route: `${options.method} ${options.path}` });
    }
    res.setHeader('Retry-After', String(decision.retryAfterSeconds));
    res.setHeader('Cache-Control', 'no-store');
    res.send(429, { error: options.message });
    return next(false);
  });
}
