import { randomUUID } from 'node:crypto';

export interface ConversationAddress {
  botUrl: string;
  serviceUrl: string;
  channelId: string;
  conversationId: string;
  userId: string;
  userName?: string;
  /** More fields of the sender, e.g. aadObjectId on Teams. */
  userExtra?: Record<string, unknown>;
  conversationExtra?: Record<string, unknown>;
}

/** Posts one activity from the customer's side to the bot's /api/messages, as a channel would. */
export async function postActivity(address: ConversationAddress, activity: Record<string, unknown>): Promise<Response> {
  const body = {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: address.channelId,
    serviceUrl: address.serviceUrl,
    conversation: { id: address.conversationId, ...address.conversationExtra },
    from: { id: address.userId, name: address.userName ?? 'Customer', role: 'user', ...address.userExtra },
    recipient: { id: 'stepwise', name: 'Stepwise', role: 'bot' },
    ...activity,
  };
  return fetch(address.botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

export function sayText(address: ConversationAddress, text: string): Promise<Response> {
  return postActivity(address, { type: 'message', text });
}

export function joinConversation(address: ConversationAddress): Promise<Response> {
  return postActivity(address, {
    type: 'conversationUpdate',
    membersAdded: [{ id: address.userId, name: address.userName ?? 'Customer' }],
  });
}
