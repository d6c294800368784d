import type restify from 'restify';

export type Phase = 'starting' | 'ready' | 'draining';

/** Whether a load balancer should send this instance traffic: only once started and until shutdown begins. */
export class Readiness {
  private current: Phase = 'starting';

  get phase(): Phase {
    return this.current;
  }

  started(): void {
    if (this.current === 'starting') this.current = 'ready';
  }

  draining(): void {
    this.current = 'draining';
  }
}

/**
 * GET /readyz: 200 {"status":"ready"} while the instance takes traffic, 503 {"status":"starting"|"draining"}
 * otherwise. Unlike /healthz it checks no dependency: a store outage affects every instance alike, and
 * taking them all out of rotation would leave customers without even the bot's apology.
 */
export function mountReadiness(server: restify.Server, readiness: Readiness): void {
  // While draining, keep-alive clients are told to reconnect (to another instance) after this answer.
  server.pre((_req, res, next) => {
    if (readiness.phase === 'draining') res.setHeader('Connection', 'close');
    next();
  });
  server.get('/readyz', async (_req, res) => {
    const phase = readiness.phase;
    if (phase !== 'ready') res.setHeader('Retry-After', '5');
    res.send(phase === 'ready' ? 200 : 503, { status: phase });
  });
}
