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

/**
 * The real server on an ephemeral loopback port, with a local connector receiving its replies.
 * Memory storage unless `env` says otherwise; `deps` can hand in a store or a clock.
 */
export async function startStepwise(env: Record<string, string> = {}, deps: Omit<AppDependencies, 'logger'> = {}): Promise<RunningStepwise> {
  const logger = createMemoryLogger();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORAGE: 'memory', ...env });
  const app = createApp(config, { logger, ...deps });
  const baseUrl = await app.listen();
  const connector = new LocalConnector();
  await connector.start();
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
  ) {
    this.address = {
      botUrl: stepwise.botUrl,
      serviceUrl: stepwise.connector.serviceUrl,
      channelId,
      conversationId: `conv-${randomUUID()}`,
      userId,
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
