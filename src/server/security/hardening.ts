import type restify from 'restify';
import type { Logger } from '../../logging/logger';
import { applySecurityHeaders } from './headers';

export interface HardeningOptions {
  /** Largest request body accepted, in bytes. */
  maxRequestBytes: number;
  logger: Logger;
}

/** Error bodies say what went wrong in general terms: no stack, no echo of the input, no internals. */
function publicMessage(status: number, errorName: string, maxRequestBytes: number): string {
  if (status === 400) return errorName === 'InvalidContentError' ? 'The request body is not valid JSON.' : 'Bad request.';
  if (status === 404) return 'Not found.';
  if (status === 405) return 'Method not allowed.';
  if (status === 413) return `The request body is larger than ${maxRequestBytes} bytes.`;
  if (status === 415) return 'Unsupported media type: send JSON (application/json) without Content-Encoding.';
  if (status < 500) return 'Request refused.';
  return 'Internal error.';
}

function refuse(req: restify.Request, res: restify.Response, status: number, message: string, logger: Logger): void {
  logger.warn('request rejected', { method: req.method, path: req.path(), status, reason: message });
  res.setHeader('Connection', 'close');
  res.send(status, { error: message });
}

/**
 * Hardening for every route, installed before any other handler:
 * - security headers on every response, and no Server banner;
 * - compressed request bodies refused (415): restify's gunzip has no size limit after decompression
 *   and crashes the process on invalid gzip data;
 * - a Content-Length over the limit refused (413) before the body is read (bodies without one are
 *   cut off at the same limit by the body parser);
 * - multipart bodies refused (415): restify's parser (formidable) would write each uploaded file, up
 *   to 200 MB and whatever the size limit, to the temp directory and never delete it. Nothing here
 *   takes uploads; a route that ever does needs its own bounded parser;
 * - every error answered with `{ "error": "..." }` in general terms (never a stack trace or the input).
 */
export function hardenServer(server: restify.Server, options: HardeningOptions): void {
  server.pre((req, res, next) => {
    applySecurityHeaders(res);
    sanitizeErrors(req, res, options);
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      refuse(req, res, 415, publicMessage(415, '', options.maxRequestBytes), options.logger);
      return next(false);
    }
    if (/^\s*multipart\//i.test(req.headers['content-type'] ?? '')) {
      refuse(req, res, 415, publicMessage(415, '', options.maxRequestBytes), options.logger);
      return next(false);
    }
    const length = Number(req.headers['content-length']);
    if (Number.isFinite(length) && length > options.maxRequestBytes) {
      refuse(req, res, 413, publicMessage(413, '', options.maxRequestBytes), options.logger);
      return next(false);
    }
    return next();
  });
}

/**
 * Whatever sends an Error on this response (restify's router for 404/405, its body parser, a handler
 * that throws), the caller gets `{ "error": "<general message>" }` with the error's status; the
 * details of a 5xx go to the log only.
 */
function sanitizeErrors(req: restify.Request, res: restify.Response, options: HardeningOptions): void {
  const send = res.send.bind(res) as (...args: unknown[]) => unknown;
  const replacement = (...args: unknown[]) => {
    const [first, second, third] = args;
    const code = typeof first === 'number' ? first : undefined;
    const body = typeof first === 'number' ? second : first;
    if (!(body instanceof Error)) return send(...args);
    const headers = typeof first === 'number' ? third : second;
    const declared = (body as Error & { statusCode?: unknown }).statusCode;
    const status = code ?? (typeof declared === 'number' && declared >= 400 && declared < 600 ? declared : 500);
    if (status >= 500) options.logger.error('request failed', { method: req.method, path: req.path(), error: `${body.name}: ${body.message}` });
    res.setHeader('Content-Type', 'application/json');
    return send(status, { error: publicMessage(status, body.name, options.maxRequestBytes) }, headers);
  };
  res.send = replacement as restify.Response['send'];
}
