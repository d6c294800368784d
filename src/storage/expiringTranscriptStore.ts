import { Activity, MemoryTranscriptStore, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';

/**
 * A TranscriptStore that remembers when each conversation last had an activity, so transcripts can
 * be deleted after the retention period (and at once on "forget me"). Wraps any store; by default
 * botbuilder's MemoryTranscriptStore (the process's memory).
 */
export class ExpiringTranscriptStore implements TranscriptStore {
  private readonly lastActivity = new Map<string, { channelId: string; conversationId: string; at: number }>();

  constructor(
    private readonly inner: TranscriptStore = new MemoryTranscriptStore(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  private static key(channelId: string, conversationId: string): string {
    return `${channelId}\n${conversationId}`;
  }

  logActivity(activity: Activity): void | Promise<void> {
    const { channelId, conversation } = activity;
    if (channelId && conversation?.id) {
      this.lastActivity.set(ExpiringTranscriptStore.key(channelId, conversation.id), { channelId, conversationId: conversation.id, at: this.now().getTime() });
    }
    return this.inner.logActivity(activity);
  }

  getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    return this.inner.getTranscriptActivities(channelId, conversationId, continuationToken, startDate);
  }

  listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    return this.inner.listTranscripts(channelId, continuationToken);
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    this.lastActivity.delete(ExpiringTranscriptStore.key(channelId, conversationId));
    await this.inner.deleteTranscript(channelId, conversationId);
  }

  /** Deletes transcripts whose last activity is before `cutoff`; returns how many. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    const expired = [...this.lastActivity.values()].filter(({ at }) => at < cutoff.getTime());
    for (const { channelId, conversationId } of expired) await this.deleteTranscript(channelId, conversationId);
    return expired.length;
  }

  /** Conversations with a transcript (for tests and diagnostics). */
  get conversations(): number {
    return this.lastActivity.size;
  }
}
