import type { Duplex } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import type { ActivityHandlerBase, CloudAdapter } from 'botbuilder';
import type restify from 'restify';
import type { Logger } from '../logging/logger';

const messagesPath = '/api/messages';

/**
 * Direct Line Speech and the telephony channel talk to the bot over a WebSocket (Bot Framework streaming)
 * opened on the messaging endpoint, not over HTTP POSTs. The adapter authenticates the upgrade request
 * and then runs a turn for every activity that arrives on the socket.
 */
export function acceptStreamingConnections(server: restify.Server, adapter: CloudAdapter, bot: ActivityHandlerBase, logger: Logger): void {
  server.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== messagesPath) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    adapter
      .process(req, socket, head, (context) => bot.run(context))
      .catch((error: unknown) => {
        logger.warn('streaming connection refused', { error: error instanceof Error ? error.message : String(error) });
        if (!socket.destroyed) socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      });
  });
}
