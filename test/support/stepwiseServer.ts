import { randomUUID } from 'node:crypto';
import { createApp, App, AppDependencies } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { createMemoryLogger } from '../../src/logging/logger';
import { LocalConnector, ReceivedActivity } from '../../tools/lib/localConnector';
import { ConversationAddress, joinConversation, postActivity, sayText } from '../../tools/lib/botClient';

export interface RunningStepwise {
  app: App;
  baseUrl: string;
  botUrl: string;
  connector: LocalConnector;
  logLines: string[];
  stop(): Promise<void>;
}

/** Settings that can name the local connector (e.g. DESK_SERVICE_URL), which starts first. */
export type StepwiseEnv = Record<string, string> | ((connectorUrl: string) => Record<string, string>);

/**
 * The real server on an ephemeral loopback port, with a local connector receiving its replies.
 * No silence timer runs unless asked: tests move an injected clock and call app.bot.handoff.tick().
 */
export async function startStepwise(env: StepwiseEnv = {}, deps: Partial<Omit<AppDependencies, 'logger'>> = {}): Promise<RunningStepwise> {
  const logger = createMemoryLogger();
  const connector = new LocalConnector();
  await connector.start();
  const values = typeof env === 'function' ? env(connector.serviceUrl) : env;
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory', ...values });
  const app = createApp(config, { silenceTickSeconds: 0, outcomeFlushSeconds: 0, ...deps, logger });
  const baseUrl = await app.listen();
  return {
    app,
    baseUrl,
    botUrl: `${baseUrl}/api/messages`,
    connector,
    logLines: logger.lines,
    async stop() {
      await connector.stop();
      await app.close();
    },
  };
}

/** One customer's conversation over HTTP: say something, get back what the bot sent in that turn. */
export class HttpConversation {
  readonly address: ConversationAddress;

  constructor(
    private readonly stepwise: RunningStepwise,
    channelId = 'webchat',
    userId = `user-${randomUUID()}`,
    /** E.g. a fixed conversationId (a Teams desk channel), userName, userExtra: { aadObjectId }. */
    overrides: Partial<ConversationAddress> = {},
  ) {
    this.address = {
      botUrl: stepwise.botUrl,
      serviceUrl: stepwise.connector.serviceUrl,
      channelId,
      conversationId: `conv-${randomUUID()}`,
      userId,
      ...overrides,
    };
  }

  private async turn(response: Promise<Response>): Promise<{ status: number; replies: ReceivedActivity[] }> {
    const result = await response;
    await result.text();
    return { status: result.status, replies: this.stepwise.connector.take(this.address.conversationId) };
  }

  join() {
    return this.turn(joinConversation(this.address));
  }

  say(text: string) {
    return this.turn(sayText(this.address, text));
  }

  send(activity: Record<string, unknown>) {
    return this.turn(postActivity(this.address, activity));
  }

  /** Sends a raw body (not JSON-encoded by us) with a content type. */
  raw(body: string, contentType = 'application/json') {
    return this.turn(fetch(this.address.botUrl, { method: 'POST', headers: { 'content-type': contentType }, body }));
  }
}

export function texts(replies: ReceivedActivity[]): string[] {
  return replies.filter((a) => a.type === 'message').map((a) => a.text ?? '');
}
