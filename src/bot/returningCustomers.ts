import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Progress, SavedPlace } from '../dialogs/progress';
import type { Logger } from '../logging/logger';
import { conditionFor, type DurableStorage } from '../storage/guardedWrite';
import { isETagConflict, storageCall } from '../storage/storageErrors';
import { storedLanguage } from '../customer/language';
import { CustomerState } from '../customer/customerState';
import { storedLines } from '../customer/transcript';

/** The per-user place record: the customer's latest place and the conversation it belongs to. */
interface UserRecord extends SavedPlace {
  conversation: string;
}

/** A conversation in which the customer has state: what "forget me" deletes besides the one it is said in. */
export interface SeenConversation {
  /** The customer's state key there (CustomerState.storageKey). */
  key: string;
  channelId: string;
  conversationId: string;
}

/** The per-user list of the conversations the customer has state in. */
interface ConversationList {
  conversations: SeenConversation[];
}

export interface ReturningCustomersOptions {
  /** Places older than this many days are not offered; 0 never offers one. */
  days: number;
  now: () => Date;
  logger: Logger;
}

const dayMs = 24 * 60 * 60 * 1000;
/** A conversation's listing is confirmed (and the list rewritten, so the retention sweep keeps it) at most this often. */
const relistMs = dayMs;
/** Conversations whose state is gone are dropped from the list once it is this long; it never grows past `maxListed`. */
const pruneListedAt = 50;
const maxListed = 500;
const maxAttempts = 5;

/** The place worth offering back, or none (no program chosen yet, finished, started over). */
function placeOf(progress: Progress | undefined): Omit<SavedPlace, 'savedAt'> & { savedAt?: string } | undefined {
  if (!progress) return undefined;
  if (progress.phase === 'returning') return progress.resume;
  const phase = progress.phase === 'handoff' ? progress.handoff?.resumePhase : progress.phase;
  if (!progress.clientId || (phase !== 'steps' && phase !== 'verifying')) return undefined;
  return { clientId: progress.clientId, phase, stepIndex: progress.stepIndex, stepsCompleted: progress.stepsCompleted };
}

/**
 * The program and phase only: the record is rewritten when they change, not at every step. The exact step is read
 * from the conversation's own state when the customer comes back (see lookup).
 */
function fingerprint(place: ReturnType<typeof placeOf>): string {
  return place ? `${place.clientId}/${place.phase}` : '';
}

/** The place a progress stands for, as a string: taken before a change, it tells `record` whether the phase moved. */
export function placeFingerprint(progress: Progress | undefined): string {
  return fingerprint(placeOf(progress));
}

function seen(context: TurnContext): SeenConversation {
  const { channelId, conversation } = context.activity;
  return { key: CustomerState.storageKey(context), channelId, conversationId: conversation.id };
}

/** A conversation known only by its state key (the place record's conversation). */
function fromStateKey(key: string, userId: string): SeenConversation | undefined {
  const match = /^([^/]+)\/conversations\/(.+)$/.exec(key);
  if (!match) return undefined;
  const [, channelId, rest] = match;
  const own = `/customers/${userId}`;
  return { key, channelId, conversationId: rest.endsWith(own) ? rest.slice(0, -own.length) : rest };
}

/**
 * Remembers, per channel user (not per conversation):
 *  - which conversation the customer is working in, so that one who comes back in a new conversation can be
 *    offered their place (read from that conversation's state). The record follows changes of program and
 *    phase, in the customer's turns (TurnCommitter) and outside them (CustomerState.saveChanges). It is a hint:
 *    written after the state, last writer wins, and only when the phase moved, so a turn on the steps neither
 *    reads nor writes it;
 *  - every conversation the customer has state in, so that "forget me" said in one deletes them all.
 *    A conversation is listed before its state is first written (and confirmed daily while it is used),
 *    with eTags, so no process loses another's entry.
 */
export class ReturningCustomers {
  constructor(
    private readonly storage: DurableStorage,
    private readonly options: ReturningCustomersOptions,
  ) {}

  static key(context: TurnContext): string | undefined {
    const { channelId, from } = context.activity;
    return channelId && from?.id ? `${channelId}/users/${from.id}` : undefined;
  }

  /** Where the customer's conversations are listed. */
  static listKey(context: TurnContext): string | undefined {
    const { channelId, from } = context.activity;
    return channelId && from?.id ? `${channelId}/user-conversations/${from.id}` : undefined;
  }

  /**
   * The customer's place from another conversation, if recent enough to offer: the exact step from that
   * conversation's state (the record is written only when the phase changes), dated by its last message.
   */
  async lookup(context: TurnContext): Promise<SavedPlace | undefined> {
    const key = ReturningCustomers.key(context);
    if (!key || this.options.days <= 0) return undefined;
    const record = (await storageCall('read', () => this.storage.read([key])))[key] as UserRecord | undefined;
    if (!record || record.conversation === CustomerState.storageKey(context)) return undefined;
    const state = (await storageCall('read', () => this.storage.read([record.conversation])))[record.conversation] as Record<string, unknown> | undefined;
    // No state there any more (expired): the place as recorded.
    const current = state ? placeOf(state.progress as Progress | undefined) : record;
    if (!current) return undefined;
    // An offer of a place made there (phase returning) keeps its date; otherwise the customer's last words there date it.
    const lastWords = storedLines(state).filter((line) => line.from === 'customer').at(-1)?.timestamp;
    const savedAt = current.savedAt ?? lastWords ?? record.savedAt;
    const age = this.options.now().getTime() - Date.parse(savedAt);
    if (!(age <= this.options.days * dayMs)) return undefined;
    const { clientId, phase, stepIndex, stepsCompleted } = current;
    // The language is the one stored there (an expired conversation's is not known: the record does not keep it).
    const language = storedLanguage(state);
    return { clientId, phase, stepIndex, stepsCompleted, savedAt, ...(language ? { language } : {}) };
  }

  /** Brings the place record in line with a change of place (committed already). Never throws. */
  async record(context: TurnContext, placeBefore: string, after: Progress | undefined): Promise<void> {
    const key = ReturningCustomers.key(context);
    const place = placeOf(after);
    if (!key || placeBefore === fingerprint(place)) return;
    try {
      if (!place) {
        await this.storage.delete([key]);
        return;
      }
      const record: UserRecord = {
        conversation: CustomerState.storageKey(context),
        ...place,
        savedAt: place.savedAt ?? this.options.now().toISOString(),
      };
      await this.storage.writeGuarded([{ key, item: { ...record }, condition: { kind: 'any' } }]);
    } catch (error) {
      this.options.logger.warn('could not update the returning-customer record', {
        conversationId: context.activity.conversation?.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /**
   * Makes the place of another conversation (a phone call's, by its state key) the returning place of a user on
   * another channel, so that their first conversation there offers it ("Welcome back… step 3 of 8"). The step
   * offered is read from that conversation when they arrive. False when it has no place to carry.
   */
  async carry(fromConversation: string, channelId: string, userId: string): Promise<boolean> {
    const state = (await storageCall('read', () => this.storage.read([fromConversation])))[fromConversation] as Record<string, unknown> | undefined;
    const place = placeOf(state?.progress as Progress | undefined);
    if (!place) return false;
    const record: UserRecord = { conversation: fromConversation, ...place, savedAt: this.options.now().toISOString() };
    await storageCall('write', () => this.storage.writeGuarded([{ key: `${channelId}/users/${userId}`, item: { ...record }, condition: { kind: 'any' } }]));
    return true;
  }

  /**
   * Before the conversation's state is written: makes sure it is listed for the customer, when the state does
   * not say so (`listedAt`, kept in the state) or said so over a day ago. Resolves with the `listedAt` to store
   * with the state, or undefined when it stands. Storage errors reach the caller: the turn is then not saved.
   */
  async keepListed(context: TurnContext, listedAt: string | undefined): Promise<string | undefined> {
    const key = ReturningCustomers.listKey(context);
    const now = this.options.now();
    // An event (handoff.status) may come from the contact centre, not the customer: their own turns list the conversation.
    if (!key || context.activity.type === ActivityTypes.Event || (listedAt && now.getTime() - Date.parse(listedAt) < relistMs)) return undefined;
    const conversation = seen(context);
    await this.changeList(key, async (list) => {
      const others = list.conversations.filter((c) => c.key !== conversation.key);
      // Rewritten even when listed: the store's retention sweep goes by when it was last written.
      return { conversations: [...(await this.pruned(others)), conversation].slice(-maxListed) };
    });
    return now.toISOString();
  }

  /**
   * Every conversation the customer has state in, as far as this channel knows them: those listed, the one
   * their place belongs to, and this one. Storage errors reach the caller.
   */
  async conversationsOf(context: TurnContext): Promise<SeenConversation[]> {
    const current = seen(context);
    const keys = [ReturningCustomers.key(context), ReturningCustomers.listKey(context)].filter((key): key is string => !!key);
    if (keys.length < 2) return [current];
    const [placeKey, listKey] = keys;
    const stored = await storageCall('read', () => this.storage.read(keys));
    const found = new Map<string, SeenConversation>([[current.key, current]]);
    for (const conversation of (stored[listKey] as ConversationList | undefined)?.conversations ?? []) found.set(conversation.key, conversation);
    // A place recorded before conversations were listed.
    const placeConversation = (stored[placeKey] as UserRecord | undefined)?.conversation;
    const legacy = placeConversation ? fromStateKey(placeConversation, context.activity.from.id) : undefined;
    if (legacy && !found.has(legacy.key)) found.set(legacy.key, legacy);
    return [...found.values()];
  }

  /** Deletes the customer's place record and list of conversations ("forget me"). */
  async forget(context: TurnContext): Promise<void> {
    const keys = [ReturningCustomers.key(context), ReturningCustomers.listKey(context)].filter((key): key is string => !!key);
    if (keys.length > 0) await storageCall('delete', () => this.storage.delete(keys));
  }

  /** Once the list is long, conversations whose state is gone (retention) are dropped from it. */
  private async pruned(conversations: SeenConversation[]): Promise<SeenConversation[]> {
    if (conversations.length < pruneListedAt) return conversations;
    const stored = await storageCall('read', () => this.storage.read(conversations.map((c) => c.key)));
    return conversations.filter((c) => stored[c.key]);
  }

  /** Read, edit, write with the eTag read (create-only when there was none), again on a conflict. */
  private async changeList(key: string, edit: (list: ConversationList) => Promise<ConversationList>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const stored = (await storageCall('read', () => this.storage.read([key])))[key] as (ConversationList & { eTag?: string }) | undefined;
      const next = await edit({ conversations: stored?.conversations ?? [] });
      try {
        await storageCall('write', () => this.storage.writeGuarded([{ key, item: { ...next }, condition: conditionFor(stored?.eTag) }]));
        return;
      } catch (error) {
        if (!isETagConflict(error) || attempt >= maxAttempts) throw error;
      }
    }
  }
}
