import type { Activity } from 'botbuilder';
import type { DurableStorage } from '../storage/guardedWrite';
import { isETagConflict } from '../storage/storageErrors';
import { CustomerState } from './customerState';
import { storedLines, type TranscriptBounds, type TranscriptLine, transcriptProperty, withLines } from './transcript';

const maxAttempts = 5;

/**
 * The transcripts kept in the customers' state documents, read and added to outside a customer's turn. Any
 * instance sees the whole recent conversation, forget me and the retention sweep take it with the state, and
 * a customer's own turn costs no extra storage call for it.
 */
export class StoredTranscripts {
  constructor(
    private readonly storage: DurableStorage,
    private readonly bounds: TranscriptBounds,
  ) {}

  /**
   * Adds lines to the state stored at `key`, with the eTag read (again on a conflict with a customer's turn).
   * A conversation without state (forgotten, expired, never a customer's) gets none.
   */
  async append(key: string, lines: TranscriptLine[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const stored = (await this.storage.read([key]))[key] as (Record<string, unknown> & { eTag?: string }) | undefined;
      if (!stored?.eTag) return;
      const { eTag, ...document } = stored;
      document[transcriptProperty] = withLines(stored, lines, this.bounds);
      try {
        await this.storage.writeGuarded([{ key, item: document, condition: { kind: 'eTag', eTag } }]);
        return;
      } catch (error) {
        if (!isETagConflict(error) || attempt >= maxAttempts) throw error;
      }
    }
  }

  /** The lines kept for a one-to-one conversation, oldest first (diagnostics and tests). */
  async lines(channelId: string, conversationId: string): Promise<TranscriptLine[]> {
    const key = CustomerState.conversationKey(channelId, conversationId);
    return storedLines((await this.storage.read([key]))[key]);
  }

  /** The same, in the shape of botbuilder's TranscriptStore (one page of text-only activities). */
  async getTranscriptActivities(channelId: string, conversationId: string): Promise<{ items: Partial<Activity>[] }> {
    const lines = await this.lines(channelId, conversationId);
    return { items: lines.map((line) => ({ type: 'message', from: { id: line.from, name: line.from, role: line.from === 'bot' ? 'bot' : 'user' }, text: line.text, timestamp: new Date(line.timestamp) })) };
  }
}
