import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../logging/logger';
import { callEventsPath, incomingCallsPath } from '../../phone/createPhoneBridge';
import { readEventGridDelivery, type EventGridTrust } from '../../phone/eventGrid';
import type { PhoneBridge } from '../../phone/phoneBridge';
import { guarded } from '../http/guarded';

export interface PhoneRouteOptions {
  bridge: PhoneBridge;
  eventGrid: EventGridTrust;
  logger: Logger;
}

function queryOf(req: Request): URLSearchParams {
  return new URL(req.url ?? '', 'http://localhost').searchParams;
}

/** Event Grid and ACS post JSON under several content types; the body parser leaves some as text. */
function jsonOf(req: Request): unknown {
  const body: unknown = req.body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    try {
      return JSON.parse(body.toString());
    } catch {
      return undefined;
    }
  }
  return body;
}

/** `detail`, when given, is logged and not answered. */
export function refuse(req: Request, res: Response, logger: Logger, status: number, reason: string, detail?: string): void {
  logger.warn('request rejected', { method: req.method, path: req.path(), status, reason, ...(detail ? { detail } : {}) });
  res.send(status, { error: reason });
}

/**
 * The phone bridge's routes: the Event Grid webhook ACS announces calls on, the callback URL each
 * answered call's events come to.
 */
export function mountPhoneBridge(server: Server, { bridge, eventGrid, logger }: PhoneRouteOptions): void {
  server.post(
    incomingCallsPath,
    guarded(logger, 'phone route failed', incomingCallsPath, async (req, res) => {
      const delivery = readEventGridDelivery(jsonOf(req), queryOf(req).get('secret') ?? undefined, eventGrid);
      if (delivery.kind === 'refused') return refuse(req, res, logger, delivery.status, delivery.reason);
      if (delivery.kind === 'validation') {
        logger.info('event grid subscription validated');
        res.send(200, { validationResponse: delivery.validationCode });
        return;
      }
      for (const call of delivery.calls) await bridge.incomingCall(call);
      res.send(200);
    }),
  );

  server.post(
    callEventsPath,
    guarded(logger, 'phone route failed', callEventsPath, async (req, res) => {
      const query = queryOf(req);
      const outcome = await bridge.callback(query.get('call') ?? undefined, query.get('secret') ?? undefined, jsonOf(req), req.headers.authorization);
      if (outcome.status !== 200) return refuse(req, res, logger, outcome.status, outcome.reason, outcome.detail);
      res.send(200);
    }),
  );
}
