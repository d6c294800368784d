import { randomUUID } from 'node:crypto';
import { ConversationAddress, postActivity } from '../../tools/lib/botClient';
import type { LocalConnector, ReceivedActivity } from '../../tools/lib/localConnector';

export interface Turn {
  status: number;
  replies: ReceivedActivity[];
}

/**
 * One customer's conversation whose turns can go to different bot endpoints (several processes
 * behind a load balancer); every bot replies to the same local connector.
 */
export class SharedConversation {
  readonly conversationId = `conv-${randomUUID()}`;

  constructor(
    private readonly connector: LocalConnector,
    readonly userId = `user-${randomUUID()}`,
    readonly channelId = 'webchat',
  ) {}

  address(botUrl: string): ConversationAddress {
    return { botUrl, serviceUrl: this.connector.serviceUrl, channelId: this.channelId, conversationId: this.conversationId, userId: this.userId };
  }

  /** Posts an activity and, once the bot has answered the request, takes what it sent to the connector. */
  async send(botUrl: string, activity: Record<string, unknown>): Promise<Turn> {
    const response = await postActivity(this.address(botUrl), activity);
    await response.text();
    return { status: response.status, replies: this.connector.take(this.conversationId) };
  }

  say(botUrl: string, text: string, extra: Record<string, unknown> = {}): Promise<Turn> {
    return this.send(botUrl, { type: 'message', text, ...extra });
  }

  join(botUrl: string): Promise<Turn> {
    return this.send(botUrl, { type: 'conversationUpdate', membersAdded: [{ id: this.userId, name: 'Customer' }] });
  }

  /** Posts several activities at the same moment; resolves with their statuses and everything the bots sent. */
  async sendTogether(sends: { botUrl: string; activity: Record<string, unknown> }[]): Promise<{ statuses: number[]; replies: ReceivedActivity[] }> {
    const responses = await Promise.all(sends.map(({ botUrl, activity }) => postActivity(this.address(botUrl), activity)));
    await Promise.all(responses.map((response) => response.text()));
    return { statuses: responses.map((response) => response.status), replies: this.connector.take(this.conversationId) };
  }
}
