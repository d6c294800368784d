import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  port: number;
  /** How many requests since the last look (without keeping them). */
  count(): number;
  /** The requests since the last look (`METHOD /path`, query left off), and forgets them. */
  take(): string[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy to `targetPort` that counts every request: what a storage service was asked, call by call
 * (`keep`: also remembers each one; the benchmark only counts).
 */
export async function startCountingProxy(targetPort: number, keep = true): Promise<CountingProxy> {
  const seen: string[] = [];
  let counted = 0;
  const server: Server = createServer((incoming, outgoing) => {
    counted++;
    if (keep) seen.push(`${incoming.method} ${decodeURIComponent((incoming.url ?? '').split('?')[0])}`);
    const upstream = request({ host: '127.0.0.1', port: targetPort, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    take: () => {
      counted = 0;
      return seen.splice(0);
    },
    count: () => {
      const value = counted;
      counted = 0;
      seen.length = 0;
      return value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
