import { BotState, Storage, TurnContext } from 'botbuilder';
import { isSharedConversation } from '../channels/audience';
import { adoptStoredLanguage } from './language';

interface Cached {
  state: Record<string, unknown>;
  /** The document as read (without its eTag), to tell whether the turn changed it. */
  loaded: string;
}

function documentOf(state: Record<string, unknown>): string {
  const { eTag: _eTag, ...document } = state;
  return JSON.stringify(document);
}

/**
 * Told after `saveChanges` wrote the state, with the document as it was loaded and as written: turns
 * outside the customer's own (a technician's resume, check-ins) keep the returning-customer record in step.
 */
export type StateSaved = (context: TurnContext, before: Record<string, unknown>, after: Record<string, unknown>) => Promise<void>;

/**
 * Conversation state kept per customer: in a 1:1 chat that is the conversation; in a group chat or a
 * Teams channel thread each person has their own, so two people never advance each other's steps.
 *
 * It keeps BotState's API (property accessors, load, saveChanges) but caches the state itself, so
 * that the turn can compare what it read with what it is about to write (TurnCommitter saves it with
 * the eTag it was read with) without BotState's slower change hash.
 */
export class CustomerState extends BotState {
  private readonly cacheKey = Symbol('customerState');

  constructor(
    storage: Storage,
    private readonly onSaved?: StateSaved,
  ) {
    super(storage, (context) => Promise.resolve(CustomerState.storageKey(context)));
  }

  static storageKey(context: TurnContext): string {
    const { channelId, conversation, from } = context.activity;
    if (!channelId || !conversation?.id) throw new Error('Activity is missing channelId or conversation.id');
    const shared = isSharedConversation(conversation);
    const base = CustomerState.conversationKey(channelId, conversation.id);
    return shared && from?.id ? `${base}/customers/${from.id}` : base;
  }

  /** The state key of a one-to-one conversation. */
  static conversationKey(channelId: string, conversationId: string): string {
    return `${channelId}/conversations/${conversationId}`;
  }

  async load(context: TurnContext, force = false): Promise<any> {
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    if (cached && !force) return cached.state;
    const key = CustomerState.storageKey(context);
    const state = ((await this.storage.read([key]))[key] ?? {}) as Record<string, unknown>;
    context.turnState.set(this.cacheKey, { state, loaded: documentOf(state) } satisfies Cached);
    adoptStoredLanguage(context, state);
    return state;
  }

  get(context: TurnContext): any | undefined {
    return (context.turnState.get(this.cacheKey) as Cached | undefined)?.state;
  }

  /** True when the turn changed the state since it was loaded. */
  changed(context: TurnContext): boolean {
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    return cached !== undefined && documentOf(cached.state) !== cached.loaded;
  }

  /** Last writer wins, as in BotState; turns are saved by TurnCommitter instead, with eTags. */
  async saveChanges(context: TurnContext, force = false): Promise<void> {
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    if (!force && (!cached || !this.changed(context))) return;
    const state = cached?.state ?? {};
    const before = JSON.parse(cached?.loaded || '{}') as Record<string, unknown>;
    await this.storage.write({ [CustomerState.storageKey(context)]: { ...state, eTag: '*' } });
    context.turnState.set(this.cacheKey, { state, loaded: documentOf(state) } satisfies Cached);
    await this.onSaved?.(context, before, state);
  }

  async clear(context: TurnContext): Promise<void> {
    context.turnState.set(this.cacheKey, { state: {}, loaded: '' } satisfies Cached);
  }

  async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.cacheKey);
    await this.storage.delete([CustomerState.storageKey(context)]);
  }
}
