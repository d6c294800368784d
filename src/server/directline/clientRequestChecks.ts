import type { Request, Response } from 'restify';
import type { Logger } from '../../logging/logger';
import { sendError } from '../http/jsonResponses';
import { originAllowed, type OriginPolicy } from '../security/origin';

/**
 * What every client POST must pass before its route runs: a browser request only from this server's
 * own page or an allowed embedding site (403), and a JSON body (415). Together they stop a page
 * elsewhere from creating conversations with a "simple" cross-site request (a form or text/plain post,
 * which needs no CORS preflight).
 */
export interface ClientPostRules extends OriginPolicy {
  logger: Logger;
}

export interface ClientPostOptions {
  /**
   * A request with no body may omit Content-Type (Web Chat's token refresh sends none). Only for
   * routes that need a token: a cross-site page cannot add an Authorization header without a preflight.
   */
  bodylessAllowed: boolean;
}

const json = /^application\/json\s*(;|$)/i;

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length.trim() !== '0');
}

/** True when the request may go on; otherwise it has been answered (403 or 415) and logged. */
export function acceptClientPost(req: Request, res: Response, rules: ClientPostRules, options: ClientPostOptions): boolean {
  const origin = req.headers.origin;
  if (!originAllowed(origin, req.headers.host, rules)) {
    rules.logger.warn('directline.request_refused', { path: req.path(), status: 403, reason: 'cross-origin', origin: String(origin).slice(0, 200) });
    sendError(res, 403, 'Forbidden', 'Requests from this origin are not accepted');
    return false;
  }
  const contentType = req.headers['content-type'];
  const acceptable = contentType === undefined ? options.bodylessAllowed && !hasBody(req) : json.test(contentType.trim());
  if (!acceptable) {
    rules.logger.warn('directline.request_refused', { path: req.path(), status: 415, reason: 'not JSON', contentType: String(contentType ?? 'none').slice(0, 100) });
    sendError(res, 415, 'UnsupportedMediaType', 'Send the body as JSON (Content-Type: application/json)');
    return false;
  }
  return true;
}
