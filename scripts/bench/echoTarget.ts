// The benchmark's baseline, run in its own process: a bare echo bot on the same stack as Stepwise
// (CloudAdapter, restify, the same server and adapter set-up), so the figures compare as ratios.
import { ActivityHandler } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import { deployed } from './deployed';

// The same compiled build as the Stepwise target (see deployed.ts).
const { createLogger } = deployed<typeof import('../../src/logging/logger')>('logging/logger');
const { createAdapter } = deployed<typeof import('../../src/server/adapter')>('server/adapter');
const { createServer } = deployed<typeof import('../../src/server/createServer')>('server/createServer');
const { loadConfig } = deployed<typeof import('../../src/config/config')>('config/config');
const { createBotAuthentication } = deployed<typeof import('../../src/server/security/authentication')>('server/security/authentication');
import type { FromTarget, ToTarget } from './targetProtocol';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`You said: ${context.activity.text}`);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await context.sendActivity('Hello!');
      await next();
    });
  }
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function main(): Promise<void> {
  const logger = createLogger('warn');
  const config = loadConfig({ PORT: '0', RATE_LIMIT_PER_CONVERSATION: '0', RATE_LIMIT_PER_ADDRESS: '0' });
  const authentication = createBotAuthentication(config.credentials);
  const adapter = createAdapter({ credentials: config.credentials, logger, turnErrorReply: () => ({ text: 'error' }), authentication });
  // The same hosting stack as Stepwise, request checks included, so the ratio measures the bot alone.
  const server = createServer({
    adapter,
    bot: new EchoBot(),
    logger,
    localMode: true,
    maxBodyBytes: config.security.maxRequestBytes,
    security: { authentication, rateLimits: config.security.rateLimits, rateLimitedReply: () => ({ text: '' }) },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const send = (message: FromTarget) => process.send!(message);

  process.on('message', (message: ToTarget) => {
    if (message.type === 'stop') process.exit(0);
    send({ type: 'stats', peakRssBytes: process.resourceUsage().maxRSS * 1024, cpuMs: cpuMs() });
  });
  send({ type: 'ready', botUrl: `http://127.0.0.1:${port}/api/messages` });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
