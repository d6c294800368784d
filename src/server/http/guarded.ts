import type { Request, Response } from 'restify';
import type { Logger } from '../../logging/logger';
import { sendError } from './jsonResponses';

type Handler = (req: Request, res: Response) => Promise<void>;

/** Wraps an async restify handler: an unexpected throw is logged and answered with a JSON 500. */
export function guarded(logger: Logger, event: string, route: string, handler: Handler): Handler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (error) {
      logger.error(event, { route, error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendError(res, 500, 'ServiceError', 'Internal error');
    }
  };
}
