import type restify from 'restify';
import type { Registry } from 'prom-client';
import { accessVerdict, type SupportAccess } from './support/supportAccess';

/**
 * GET /metrics (Prometheus text format), never public, opened like the support dashboard: with
 * ADMIN_TOKEN, to whoever presents it (`Authorization: Bearer`, or the dashboard's sign-in cookie);
 * without it, in local mode, to this machine only (403 to others); in production without it, to nobody
 * (404: metrics are not served).
 */
export function mountMetrics(server: restify.Server, registry: Registry, access: SupportAccess): void {
  server.get('/metrics', async (req, res) => {
    res.header('Cache-Control', 'no-store');
    const verdict = accessVerdict(req, access);
    if (verdict === 'signIn') {
      res.header('WWW-Authenticate', 'Bearer');
      res.send(401, { error: 'Unauthorized: send Authorization: Bearer <ADMIN_TOKEN>.' });
      return;
    }
    if (verdict === 'forbidden') {
      if (access.kind === 'off') res.send(404, { error: 'Not found.' });
      else res.send(403, { error: 'Forbidden: in local mode without ADMIN_TOKEN, /metrics answers this machine only.' });
      return;
    }
    const body = await registry.metrics();
    res.header('Content-Type', registry.contentType);
    res.sendRaw(200, body);
  });
}
