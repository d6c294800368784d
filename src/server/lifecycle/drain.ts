import type restify from 'restify';
import type { Readiness } from './readiness';
import type { TurnsInFlight } from './turnsInFlight';

export interface DrainResult {
  /** Every running turn finished within the limit. */
  drained: boolean;
  /** Turns still running when the limit passed (0 when drained). */
  turnsLeft: number;
  ms: number;
}

/**
 * Shutdown, first half: /readyz turns 503, no new connection is accepted, idle keep-alive connections
 * are closed, and the turns already running get up to `limitMs` to finish and answer. Connections still
 * open after that are cut, so the caller can close the stores and exit.
 */
export async function drainServer(server: restify.Server, readiness: Readiness, turns: TurnsInFlight, limitMs: number): Promise<DrainResult> {
  const started = performance.now();
  readiness.draining();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.server.closeIdleConnections();
  const drained = await turns.settled(limitMs);
  const turnsLeft = turns.count;
  // A finished turn's response is still being written: give its connection the rest of the limit to end.
  const rest = Math.max(0, limitMs - (performance.now() - started));
  if (drained) await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, rest).unref())]);
  server.server.closeAllConnections();
  return { drained, turnsLeft, ms: Math.round(performance.now() - started) };
}
