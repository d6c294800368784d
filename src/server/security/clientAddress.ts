import type restify from 'restify';

/**
 * The address a request came from, as the socket sees it (IPv4-mapped IPv6 written as IPv4). Headers
 * such as X-Forwarded-For are not trusted: anyone can send them. Behind a reverse proxy this is the
 * proxy's address.
 */
export function clientAddress(req: restify.Request): string {
  const address = req.socket?.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}
