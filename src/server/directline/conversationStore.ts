import { randomBytes } from 'node:crypto';

/**
 * In-memory conversations for the local Direct Line: members, activities (with ids and
 * watermarks), bounded in size and expired when idle. Knows nothing about HTTP.
 */
export interface Account {
  id: string;
  name?: string;
  role?: string;
}

export type ActivityBody = Record<string, unknown>;

interface StoredActivity {
  seq: number;
  activity: ActivityBody;
}

export interface Conversation {
  readonly id: string;
  readonly user: Account;
  started: boolean;
  lastSeenAt: number;
  nextSeq: number;
  activities: StoredActivity[];
}

export interface ConversationStoreOptions {
  maxConversations: number;
  maxActivitiesPerConversation: number;
  idleTimeoutMs: number;
  now: () => number;
  onEvict?: (conversationId: string, reason: 'idle' | 'capacity') => void;
}

export interface ActivityPage {
  activities: ActivityBody[];
  watermark: string;
}

export class ConversationStore {
  // A Map keeps insertion order; touching a conversation re-inserts it, so the first key is the least recently used.
  private readonly conversations = new Map<string, Conversation>();

  constructor(private readonly options: ConversationStoreOptions) {}

  get size(): number {
    return this.conversations.size;
  }

  create(user: Account): Conversation {
    while (this.conversations.size >= this.options.maxConversations) {
      const oldest = this.conversations.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest, 'capacity');
    }
    const id = randomBytes(18).toString('base64url');
    const conversation: Conversation = {
      id,
      user: { ...user, role: 'user' },
      started: false,
      lastSeenAt: this.options.now(),
      nextSeq: 1,
      activities: [],
    };
    this.conversations.set(id, conversation);
    return conversation;
  }

  get(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  /** Marks a conversation as in use (any authenticated client or bot call). */
  touch(conversation: Conversation): void {
    conversation.lastSeenAt = this.options.now();
    this.conversations.delete(conversation.id);
    this.conversations.set(conversation.id, conversation);
  }

  /** A fresh activity id that is not (yet) in the activity list. */
  reserveId(conversation: Conversation): { id: string; seq: number } {
    const seq = conversation.nextSeq++;
    return { id: `${conversation.id}|${String(seq).padStart(7, '0')}`, seq };
  }

  /** Stores an activity under a new id and watermark; sets `id` and `timestamp`. */
  append(conversation: Conversation, activity: ActivityBody, reserved = this.reserveId(conversation)): ActivityBody {
    const stored: ActivityBody = { ...activity, id: reserved.id, timestamp: new Date(this.options.now()).toISOString() };
    this.insert(conversation, reserved.seq, stored);
    return stored;
  }

  /** Replaces an activity (bot-side update): the new version gets a new watermark so pollers see it. */
  replace(conversation: Conversation, id: string, activity: ActivityBody): ActivityBody | undefined {
    const index = conversation.activities.findIndex((entry) => entry.activity.id === id);
    if (index < 0) return undefined;
    const previous = conversation.activities[index].activity;
    conversation.activities.splice(index, 1);
    const seq = conversation.nextSeq++;
    const stored: ActivityBody = { ...activity, id, timestamp: previous.timestamp };
    this.insert(conversation, seq, stored);
    return stored;
  }

  remove(conversation: Conversation, id: string): boolean {
    const index = conversation.activities.findIndex((entry) => entry.activity.id === id);
    if (index < 0) return false;
    conversation.activities.splice(index, 1);
    return true;
  }

  /** Activities after `watermark` (all retained ones when it is undefined). */
  since(conversation: Conversation, watermark: number | undefined): ActivityPage {
    const after = watermark ?? 0;
    const fresh = conversation.activities.filter((entry) => entry.seq > after);
    const last = conversation.activities.length ? conversation.activities[conversation.activities.length - 1].seq : 0;
    return { activities: fresh.map((entry) => entry.activity), watermark: String(Math.max(after, last)) };
  }

  delete(id: string, reason: 'idle' | 'capacity'): void {
    if (this.conversations.delete(id)) this.options.onEvict?.(id, reason);
  }

  /** Drops conversations idle for longer than the idle timeout. Returns how many were dropped. */
  sweep(): number {
    const cutoff = this.options.now() - this.options.idleTimeoutMs;
    let dropped = 0;
    for (const conversation of [...this.conversations.values()]) {
      if (conversation.lastSeenAt < cutoff) {
        this.delete(conversation.id, 'idle');
        dropped++;
      }
    }
    return dropped;
  }

  private insert(conversation: Conversation, seq: number, activity: ActivityBody): void {
    const list = conversation.activities;
    let at = list.length;
    while (at > 0 && list[at - 1].seq > seq) at--;
    list.splice(at, 0, { seq, activity });
    const excess = list.length - this.options.maxActivitiesPerConversation;
    if (excess > 0) list.splice(0, excess);
  }
}
