import type restify from 'restify';

/** Calls `count` with the route of every request answered 429 (any limit: per conversation, address, token route). */
export function countRateLimited(server: restify.Server, count: (route: string) => void): void {
  server.on('after', (req: restify.Request, res: restify.Response) => {
    if (res.statusCode === 429) count(req.getRoute()?.path?.toString() ?? req.path());
  });
}
