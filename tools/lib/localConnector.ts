import http from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';

/** An activity as the bot posted it to the connector. */
export interface ReceivedActivity {
  type: string;
  id: string;
  text?: string;
  speak?: string;
  inputHint?: string;
  name?: string;
  value?: unknown;
  replyToId?: string;
  suggestedActions?: { actions: { title: string; value: unknown; type: string }[] };
  attachments?: { contentType: string; content?: unknown }[];
  conversation?: { id: string };
  recipient?: { id: string };
  [key: string]: unknown;
}

const activityPath = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

/**
 * Plays the Bot Framework channel connector on loopback: the bot posts its replies here
 * (POST /v3/conversations/{id}/activities[/{replyToId}]) and they are kept per conversation.
 * Used by the terminal chat, the end-to-end tests and the benchmark.
 */
export class LocalConnector extends EventEmitter {
  private server?: http.Server;
  private readonly received = new Map<string, ReceivedActivity[]>();
  private readonly updated = new Map<string, ReceivedActivity[]>();

  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return this.serviceUrl;
  }

  get serviceUrl(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('LocalConnector is not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  /** Everything the bot sent to a conversation so far. */
  activities(conversationId: string): ReceivedActivity[] {
    return this.received.get(conversationId) ?? [];
  }

  /** Updates the bot made to activities it had sent (PUT .../activities/{id}), in order, e.g. a card that changes. */
  updates(conversationId: string): ReceivedActivity[] {
    return this.updated.get(conversationId) ?? [];
  }

  /** Removes and returns what the bot sent to a conversation since the last call. */
  take(conversationId: string): ReceivedActivity[] {
    const list = this.received.get(conversationId) ?? [];
    this.received.set(conversationId, []);
    return list;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = activityPath.exec(url.pathname);
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'POST' && url.pathname === '/v3/conversations') {
        return reply(200, { id: randomUUID() });
      }
      if (!match) return reply(404, { error: { code: 'NotFound', message: url.pathname } });
      const conversationId = decodeURIComponent(match[1]);
      if (req.method === 'DELETE') return reply(200, { id: match[2] ?? '' });
      if (req.method === 'PUT') {
        try {
          const update = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedActivity;
          update.id = match[2] ?? update.id;
          this.updated.set(conversationId, [...(this.updated.get(conversationId) ?? []), update]);
          this.emit('update', conversationId, update);
        } catch {
          return reply(400, { error: { code: 'BadArgument', message: 'invalid JSON' } });
        }
        return reply(200, { id: match[2] ?? '' });
      }
      if (req.method !== 'POST') return reply(405, { error: { code: 'MethodNotAllowed' } });
      let activity: ReceivedActivity;
      try {
        activity = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reply(400, { error: { code: 'BadArgument', message: 'invalid JSON' } });
      }
      activity.id = activity.id ?? randomUUID();
      const list = this.received.get(conversationId) ?? [];
      list.push(activity);
      this.received.set(conversationId, list);
      this.emit('activity', conversationId, activity);
      reply(200, { id: activity.id });
    });
  }
}
