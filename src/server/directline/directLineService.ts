import { randomBytes } from 'node:crypto';
import type { Logger } from '../../logging/logger';
import type { ClientActivity, BotActivity, StartBody } from './activitySchemas';
import type { Delivery } from './botClient';
import type { Account, ActivityBody, ActivityPage, Conversation, ConversationStore } from './conversationStore';
import type { IssuedToken, TokenRegistry } from './tokenRegistry';

/**
 * The local Direct Line's behaviour, independent of HTTP: starting conversations, taking the
 * customer's activities to the bot, and taking the bot's replies back to the customer.
 */
export interface DirectLineServiceDeps {
  store: ConversationStore;
  tokens: TokenRegistry;
  deliver: (activity: ActivityBody) => Promise<Delivery>;
  serviceUrl: () => string;
  bot: Account;
  logger: Logger;
}

export const CHANNEL_ID = 'webchat';

/** Activity types Direct Line does not deliver to polling clients. */
const NOT_FOR_POLLING_CLIENTS = new Set(['typing', 'conversationUpdate']);

export class DirectLineService {
  constructor(private readonly deps: DirectLineServiceDeps) {}

  /**
   * A new conversation (not yet started) and a token for it, for a client of the Direct Line routes. A
   * user id the client names is not honoured: anyone on the machine can call these routes, and a known
   * id would let them resume another customer's place. The page's token route, which checks the
   * customer's signed credential, opens conversations for a given id through `conversationFor`.
   */
  createConversation(body: StartBody): { conversation: Conversation; token: IssuedToken } {
    return this.conversationFor(`dl_${randomBytes(12).toString('hex')}`, body?.user?.name);
  }

  /** A new conversation for a user id the caller vouches for (see createConversation). */
  conversationFor(userId: string, name?: string): { conversation: Conversation; token: IssuedToken } {
    const user: Account = { id: userId, ...(name ? { name } : {}) };
    const conversation = this.deps.store.create(user);
    const token = this.deps.tokens.issue(conversation.id);
    this.deps.logger.info('directline.conversation_created', { conversationId: conversation.id });
    return { conversation, token };
  }

  /** A live conversation, marked as in use; undefined if unknown or expired. */
  use(conversationId: string): Conversation | undefined {
    const conversation = this.deps.store.get(conversationId);
    if (conversation) this.deps.store.touch(conversation);
    return conversation;
  }

  activitiesSince(conversation: Conversation, watermark: number | undefined): ActivityPage {
    return this.deps.store.since(conversation, watermark);
  }

  authenticate(token: string | undefined): IssuedToken | undefined {
    return this.deps.tokens.verify(token);
  }

  refreshToken(conversation: Conversation): IssuedToken {
    return this.deps.tokens.issue(conversation.id);
  }

  secondsLeft(token: IssuedToken): number {
    return this.deps.tokens.secondsLeft(token);
  }

  /**
   * Starts a conversation once: tells the bot the user joined (conversationUpdate), so it can
   * greet. Returns false if it had already started. A bot failure is logged, not fatal.
   */
  async start(conversation: Conversation, locale?: string): Promise<boolean> {
    if (conversation.started) return false;
    conversation.started = true;
    const { id } = this.deps.store.reserveId(conversation);
    const update: ActivityBody = {
      type: 'conversationUpdate',
      id,
      timestamp: new Date().toISOString(),
      membersAdded: [conversation.user],
      ...this.addressing(conversation),
      from: conversation.user,
      serviceUrl: this.deps.serviceUrl(),
      ...(locale ? { locale } : {}),
    };
    const delivery = await this.deps.deliver(update);
    if (!delivery.ok) this.deps.logger.warn('directline.greeting_not_delivered', { conversationId: conversation.id, reason: delivery.reason });
    return true;
  }

  /**
   * Stores the customer's activity (so it echoes back with an id and its clientActivityID) and
   * hands it to the bot. If the bot cannot take it, the activity is withdrawn again.
   */
  async postFromClient(conversation: Conversation, input: ClientActivity): Promise<{ ok: true; id: string } | { ok: false; reason: string }> {
    const { from, ...fields } = input;
    // Tokens are bound to the conversation's user: the client cannot speak as someone else.
    const name = conversation.user.name ?? from?.name;
    const activity: ActivityBody = {
      ...fields,
      ...this.addressing(conversation),
      from: { id: conversation.user.id, ...(name ? { name } : {}), role: 'user' },
    };
    const stored = NOT_FOR_POLLING_CLIENTS.has(input.type)
      ? { ...activity, ...this.withId(conversation) }
      : this.deps.store.append(conversation, activity);
    const delivery = await this.deps.deliver({ ...stored, serviceUrl: this.deps.serviceUrl() });
    if (!delivery.ok) {
      this.deps.store.remove(conversation, stored.id as string);
      return { ok: false, reason: delivery.reason };
    }
    return { ok: true, id: stored.id as string };
  }

  /** A bot reply or proactive message, posted to the connector. */
  postFromBot(conversation: Conversation, input: BotActivity, replyToId?: string): string {
    const activity = this.fromBot(conversation, input, replyToId);
    if (NOT_FOR_POLLING_CLIENTS.has(input.type)) return this.withId(conversation).id;
    return this.deps.store.append(conversation, activity).id as string;
  }

  updateFromBot(conversation: Conversation, activityId: string, input: BotActivity): string | undefined {
    const updated = this.deps.store.replace(conversation, activityId, this.fromBot(conversation, input, input.replyToId as string | undefined));
    return updated ? activityId : undefined;
  }

  deleteFromBot(conversation: Conversation, activityId: string): boolean {
    return this.deps.store.remove(conversation, activityId);
  }

  members(conversation: Conversation): Account[] {
    return [conversation.user, this.deps.bot];
  }

  private fromBot(conversation: Conversation, input: BotActivity, replyToId?: string): ActivityBody {
    const { serviceUrl: _serviceUrl, id: _id, ...fields } = input as ActivityBody;
    const addressing = this.addressing(conversation);
    return {
      ...fields,
      channelId: addressing.channelId,
      conversation: addressing.conversation,
      from: isAccount(input.from) ? { ...input.from, role: 'bot' } : this.deps.bot,
      recipient: conversation.user,
      ...(replyToId ? { replyToId } : {}),
    };
  }

  private withId(conversation: Conversation): { id: string; timestamp: string } {
    return { id: this.deps.store.reserveId(conversation).id, timestamp: new Date().toISOString() };
  }

  private addressing(conversation: Conversation): { channelId: string; conversation: { id: string }; recipient: Account } {
    return { channelId: CHANNEL_ID, conversation: { id: conversation.id }, recipient: this.deps.bot };
  }
}

function isAccount(value: unknown): value is Account {
  return typeof value === 'object' && value !== null && typeof (value as Account).id === 'string';
}
