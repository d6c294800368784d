import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A channel connector on loopback that takes the bot's replies but answers none of them until
 * release(): the turn that posted them stays in flight meanwhile.
 */
export class HeldConnector {
  private readonly server = http.createServer((req, res) => this.hold(req, res));
  private readonly held: http.ServerResponse[] = [];
  private released = false;
  private firstReply?: () => void;
  /** Resolves when the bot has posted its first reply (its turn is running). */
  readonly replying = new Promise<void>((resolve) => (this.firstReply = resolve));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this.serviceUrl;
  }

  get serviceUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  release(): void {
    this.released = true;
    for (const res of this.held.splice(0)) this.answer(res);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private hold(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    req.on('end', () => {
      this.firstReply?.();
      if (this.released) this.answer(res);
      else this.held.push(res);
    });
  }

  private answer(res: http.ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `reply-${Date.now()}` }));
  }
}
