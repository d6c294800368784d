import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, MemoryStorage } from 'botbuilder';
// Installed with botbuilder: the SDK's own streaming client plays Direct Line Speech / telephony here.
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import { IReceiveRequest, RequestHandler, StreamingRequest, StreamingResponse, WebSocketClient } from 'botframework-streaming';
import type restify from 'restify';
import { createBot } from '../../src/bot/createBot';
import { loadConfig } from '../../src/config/config';
import { loadContent } from '../../src/content/loader';
import { createMemoryLogger } from '../../src/logging/logger';
import { StepwiseAdapter } from '../../src/server/adapter';
import { createServer } from '../../src/server/createServer';
import { acceptStreamingConnections } from '../../src/server/streaming';
import { RunningStepwise, startStepwise } from '../support/stepwiseServer';
import { parseXml, textOf } from '../support/xml';

let stepwise: RunningStepwise;
beforeAll(async () => {
  stepwise = await startStepwise();
});
afterAll(() => stepwise.stop());

interface SentActivity {
  type: string;
  text?: string;
  speak?: string;
  inputHint?: string;
}

/** Receives what the bot sends back over the socket (POST /v3/conversations/{id}/activities/...). */
class ChannelSide extends RequestHandler {
  readonly received: SentActivity[] = [];

  async processRequest(request: IReceiveRequest): Promise<StreamingResponse> {
    const [body] = request.streams;
    if (request.verb === 'POST' && /^\/v3\/conversations\//.test(request.path ?? '')) this.received.push((await body.readAsJson()) as SentActivity);
    const response = StreamingResponse.create(200);
    response.setBody({ id: randomUUID() });
    return response;
  }
}

function send(client: WebSocketClient, activity: Record<string, unknown>) {
  const request = StreamingRequest.create('POST', '/api/messages');
  request.setBody(JSON.stringify(activity));
  return client.send(request);
}

/**
 * The bot's own server and streaming wiring, with one test double: in Azure the channel proves itself with
 * a signed token, which cannot exist here, so the streaming authentication accepts the connection.
 */
async function serverTrustingStreams(): Promise<{ url: string; server: restify.Server }> {
  const config = loadConfig({});
  const logger = createMemoryLogger();
  const bot = createBot({ content: loadContent(config.isp), storage: new MemoryStorage(), logger, channels: config.channels });
  const auth = new ConfigurationBotFrameworkAuthentication({});
  auth.authenticateStreamingRequest = async () => ({
    audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
    callerId: '',
    claimsIdentity: new ClaimsIdentity([], AuthenticationConstants.AnonymousAuthType),
  });
  const adapter = new StepwiseAdapter(auth);
  bot.middleware.forEach((middleware) => adapter.use(middleware));
  const server = createServer({
    adapter,
    bot: bot.bot,
    logger,
    localMode: true,
    security: {
      authentication: auth,
      rateLimits: config.security.rateLimits,
      rateLimitedReply: (activity) => bot.renderer.render({ text: 'slow down', expectsReply: false }, activity),
    },
  });
  acceptStreamingConnections(server, adapter, bot.bot, logger);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, server };
}

test('a voice channel connected over a WebSocket on /api/messages gets spoken replies on the socket', async () => {
  const { url, server } = await serverTrustingStreams();
  const channel = new ChannelSide();
  const client = new WebSocketClient({ url, requestHandler: channel, disconnectionHandler: () => undefined });
  await client.connect();
  try {
    const base = {
      channelId: 'directlinespeech',
      serviceUrl: 'urn:botframework:websocket:directlinespeech',
      conversation: { id: `dls-${randomUUID()}` },
      from: { id: 'speaker', role: 'user' },
      recipient: { id: 'stepwise', role: 'bot' },
    };
    const response = await send(client, { ...base, type: 'message', id: randomUUID(), text: 'I use Outlook Express' });
    expect(response.statusCode).toBe(200);

    const messages = channel.received.filter((a) => a.type === 'message');
    expect(messages.map((m) => [textOf(parseXml(m.speak!)), m.inputHint])).toEqual([
      [expect.stringMatching(/^Hi, I'm Stepwise/), 'acceptingInput'],
      ["Let's fix Outlook Express. There are 8 steps; tell me when each one is done.", 'acceptingInput'],
      ['Step 1 of 8. Click the Tools menu, then choose Accounts. Say Done or press 1. Say Help or press 2. Say Talk to a technician or press 3.', 'expectingInput'],
    ]);
  } finally {
    client.disconnect();
    server.close();
  }
});

describe('the real app', () => {
  const connect = (path: string) =>
    new WebSocketClient({ url: stepwise.baseUrl.replace(/^http/, 'ws') + path, requestHandler: new ChannelSide(), disconnectionHandler: () => undefined }).connect();

  test('hands a WebSocket upgrade on /api/messages to the adapter, which refuses it without a channel token', async () => {
    await expect(connect('/api/messages')).rejects.toThrow();
    expect(stepwise.logLines.some((line) => line.includes('streaming connection refused') && line.includes('Unauthorized'))).toBe(true);
  });

  test('refuses an upgrade on any other path', async () => {
    await expect(connect('/elsewhere')).rejects.toThrow();
  });
});
