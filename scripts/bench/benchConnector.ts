import http from 'node:http';
import type { AddressInfo } from 'node:net';

const activityPath = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/;

/**
 * The channel side for the benchmark, on loopback: accepts the bots' replies and keeps only the
 * last text and a count per conversation (enough to check that every procedure really finished),
 * so its own memory stays flat however many turns run.
 */
export class BenchConnector {
  private server?: http.Server;
  private nextId = 0;
  readonly lastText = new Map<string, string>();
  replies = 0;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const match = activityPath.exec(req.url ?? '');
        if (req.method !== 'POST' || !match) {
          res.writeHead(404).end();
          return;
        }
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: string; text?: string };
        if (activity.type === 'message') {
          this.lastText.set(decodeURIComponent(match[1]), activity.text ?? '');
          this.replies++;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `r${++this.nextId}` }));
      });
    });
    this.server.keepAliveTimeout = 30000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
