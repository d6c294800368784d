import type { Request, Server } from 'restify';

const headRequests = new WeakSet<object>();

/** Whether the client asked with HEAD (it is routed as GET: see answerHeadLikeGet). */
export function isHeadRequest(req: Request): boolean {
  return req.method === 'HEAD' || headRequests.has(req);
}

/**
 * HEAD is answered wherever GET is, with the same status and headers and no body (restify only answers
 * HEAD on routes registered for it, and 405 elsewhere). A HEAD request is routed as GET; Node itself
 * never sends a body on the response to a HEAD request, whatever the handler writes, and handlers that
 * stream (the Web Chat bundle) ask isHeadRequest to skip the work.
 */
export function answerHeadLikeGet(server: Server): void {
  server.pre((req, _res, next) => {
    if (req.method === 'HEAD') {
      headRequests.add(req);
      req.method = 'GET';
    }
    return next();
  });
}
