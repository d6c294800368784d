import type { Activity } from 'botbuilder';

/**
 * What is kept of one message (see transcriptEntry.ts for which fields and why): a few fields of
 * the activity, never the whole activity.
 */
export type TranscriptEntry = Pick<Activity, 'type' | 'channelId' | 'from' | 'conversation'> &
  Partial<Pick<Activity, 'id' | 'timestamp' | 'recipient' | 'text' | 'value' | 'entities'>>;

export interface TranscriptLimits {
  /** Messages kept per conversation; older ones are dropped. */
  maxMessagesPerConversation: number;
  /** Conversations kept; the least recently active is dropped first. */
  maxConversations: number;
}

interface Transcript {
  lastActiveAt: number;
  entries: TranscriptEntry[];
}

/**
 * The recent messages of each conversation, in the process's memory, for handoffs (the summary,
 * the protocol's transcript attachment, the desk). Bounded both ways, and expiring: `deleteOlderThan`
 * drops conversations whose last message is older than the retention period.
 */
export class ConversationTranscripts {
  /** Least recently active first: a Map keeps insertion order, and `record` re-inserts. */
  private readonly transcripts = new Map<string, Transcript>();

  constructor(
    private readonly limits: TranscriptLimits,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private static key(channelId: string, conversationId: string): string {
    return `${channelId}\n${conversationId}`;
  }

  record(entry: TranscriptEntry): void {
    const key = ConversationTranscripts.key(entry.channelId, entry.conversation.id);
    const transcript = this.transcripts.get(key) ?? { lastActiveAt: 0, entries: [] };
    this.transcripts.delete(key);
    this.transcripts.set(key, transcript);
    transcript.lastActiveAt = this.now().getTime();
    transcript.entries.push(entry);
    const excess = transcript.entries.length - this.limits.maxMessagesPerConversation;
    if (excess > 0) transcript.entries.splice(0, excess);
    while (this.transcripts.size > this.limits.maxConversations) {
      this.transcripts.delete(this.transcripts.keys().next().value!);
    }
  }

  /** The conversation's kept messages, oldest first (a copy). */
  recent(channelId: string, conversationId: string): TranscriptEntry[] {
    return this.transcripts.get(ConversationTranscripts.key(channelId, conversationId))?.entries.slice() ?? [];
  }

  /** The same, in the shape of botbuilder's TranscriptStore (one page), for tests and diagnostics. */
  async getTranscriptActivities(channelId: string, conversationId: string): Promise<{ items: TranscriptEntry[] }> {
    return { items: this.recent(channelId, conversationId) };
  }

  delete(channelId: string, conversationId: string): void {
    this.transcripts.delete(ConversationTranscripts.key(channelId, conversationId));
  }

  /** Deletes the transcripts whose last message was recorded before `cutoff`; returns how many. */
  deleteOlderThan(cutoff: Date): number {
    let deleted = 0;
    for (const [key, { lastActiveAt }] of this.transcripts) {
      if (lastActiveAt < cutoff.getTime()) {
        this.transcripts.delete(key);
        deleted++;
      }
    }
    return deleted;
  }

  /** Conversations with a transcript (for tests and diagnostics). */
  get conversations(): number {
    return this.transcripts.size;
  }
}
