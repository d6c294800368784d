import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookCall {
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface ScriptedResponse {
  status: number;
  body?: unknown;
}

/** A local ticket system: answers each POST with the next scripted response (the last one repeats). */
export class WebhookServer {
  readonly calls: WebhookCall[] = [];
  private server?: http.Server;

  constructor(private readonly script: ScriptedResponse[]) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const next = this.script[Math.min(this.calls.length - 1, this.script.length - 1)];
        res.writeHead(next.status, { 'content-type': 'application/json' });
        res.end(next.body === undefined ? '' : JSON.stringify(next.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/stepwise?key=s3cr3t-query`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections?.();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
