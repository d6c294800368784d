import { createHash, timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import type { Registry } from 'prom-client';
import { bearerToken } from './http/jsonResponses';
import { clientAddress } from './security/clientAddress';
import { isLoopbackHost } from './security/loopback';

export interface MetricsAccess {
  localMode: boolean;
  /** ADMIN_TOKEN: with it, `Authorization: Bearer <token>` opens /metrics in any mode. */
  adminToken?: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant time, whatever the lengths. */
function sameToken(given: string | undefined, expected: string): boolean {
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

/**
 * GET /metrics (Prometheus text format), never public: a caller with the ADMIN_TOKEN bearer, or, in
 * local mode, any caller on this machine. Otherwise 401 when a token is configured (so a scraper
 * knows it must send one), and 404 when none is: metrics are then simply not served.
 */
export function mountMetrics(server: restify.Server, registry: Registry, access: MetricsAccess): void {
  server.get('/metrics', async (req, res) => {
    const allowed =
      (access.adminToken !== undefined && sameToken(bearerToken(req.headers.authorization), access.adminToken)) ||
      (access.localMode && isLoopbackHost(clientAddress(req)));
    res.header('Cache-Control', 'no-store');
    if (!allowed && access.adminToken !== undefined) {
      res.header('WWW-Authenticate', 'Bearer');
      res.send(401, { error: 'Unauthorized: send Authorization: Bearer <ADMIN_TOKEN>.' });
      return;
    }
    if (!allowed) {
      res.send(404, { error: 'Not found.' });
      return;
    }
    const body = await registry.metrics();
    res.header('Content-Type', registry.contentType);
    res.sendRaw(200, body);
  });
}
