import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { createMemoryLogger } from '../../src/logging/logger';
import { DEFAULT_CONNECTOR_PATH, mountLocalDirectLine, type LocalDirectLine, type LocalDirectLineOptions } from '../../src/server/directline';
import { mountDirectLineTokenRoute, mountWebChatPage } from '../../src/server/webchat';
import { createEchoBot, type EchoBot } from './echoBot';

/**
 * A restify server on an ephemeral loopback port with the echo bot at /api/messages, the local
 * Direct Line and (optionally) the Web Chat page, wired the way the main server will wire them.
 */
export interface TestServer {
  baseUrl: string;
  echo: EchoBot;
  directLine: LocalDirectLine;
  logger: ReturnType<typeof createMemoryLogger>;
  close(): Promise<void>;
}

/** The page's own lines and support number, as content and configuration give them in the app. */
export const TEST_PAGE = {
  texts: {
    title: '{companyName} support chat',
    heading: '{companyName} support',
    tagline: 'Chat with our assistant about sending email',
    needsJavaScript: 'This chat needs JavaScript. Please enable it and reload the page.',
    connecting: 'Connecting to Test ISP support…',
    couldNotLoad: 'The chat could not load.',
    waitingForTechnician: 'Waiting for a technician…',
    cannotReach: 'The assistant cannot be reached. Call 1-800-555-0100.',
  },
  supportPhone: '1-800-555-0100',
  supportPhoneDialled: '+18005550100',
};

export interface TestServerOptions {
  /** Use `server.use(restify.plugins.bodyParser())` (as the main server does) or a per-route parser. */
  globalBodyParser?: boolean;
  withPage?: boolean;
  companyName?: string;
  /** Override where the Direct Line sends activities (e.g. a dead port). */
  botEndpoint?: (baseUrl: string) => string;
  directLine?: Partial<LocalDirectLineOptions>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const server = restify.createServer({ name: 'stepwise-test' });
  if (options.globalBodyParser) server.use(restify.plugins.bodyParser());
  const echo = createEchoBot();
  const logger = createMemoryLogger();
  let baseUrl = '';

  const botRoute = async (req: restify.Request, res: restify.Response) => {
    await echo.adapter.process(req, res, (context) => echo.bot.run(context));
  };
  if (options.globalBodyParser) server.post('/api/messages', botRoute);
  else server.post('/api/messages', restify.plugins.bodyParser(), botRoute);

  const directLine = mountLocalDirectLine(server, {
    botEndpoint: () => (options.botEndpoint ? options.botEndpoint(baseUrl) : `${baseUrl}/api/messages`),
    serviceUrl: () => `${baseUrl}${DEFAULT_CONNECTOR_PATH}`,
    logger,
    ...options.directLine,
  });
  if (options.withPage) {
    const key = randomBytes(32);
    mountDirectLineTokenRoute(server, { issue: async (userId) => directLine.openConversation(userId), credentialKey: async () => key, logger });
    mountWebChatPage(server, { ...TEST_PAGE, companyName: options.companyName ?? 'Test ISP', directLineDomain: '/v3/directline', logger });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    echo,
    directLine,
    logger,
    close: () =>
      new Promise<void>((resolve) => {
        directLine.close();
        server.server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
