import { Middleware, RoleTypes, TurnContext } from 'botbuilder';
import type { ConversationTranscripts, TranscriptEntry } from '../storage/conversationTranscripts';
import { receivedEntry, sentEntry } from './transcriptEntry';

export interface TranscriptRecorderOptions {
  /** What the bot reads of a message (policy.maxInputCharacters). */
  maxInputCharacters: number;
  now: () => Date;
}

/**
 * Records the turn's messages, received and sent, in the conversation's transcript. The last
 * middleware: it sees the message after the others changed it, and replies as they go out, after
 * the Outbox released them (replies of a run that was discarded never reach it). Like botbuilder's
 * TranscriptLoggerMiddleware, which it replaces, it records at the end of a turn that did not throw.
 */
export class TranscriptRecorder implements Middleware {
  constructor(
    private readonly transcripts: ConversationTranscripts,
    private readonly options: TranscriptRecorderOptions,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    // As the SDK's logger did: a sender without a role (Teams sends none) is the user. The conversation
    // references taken from this activity (replies, cases, proactive messages) carry the role on.
    if (activity.from && !activity.from.role) activity.from.role = RoleTypes.User;

    const turn: TranscriptEntry[] = [];
    const received = receivedEntry(activity, this.options.now(), this.options.maxInputCharacters);
    if (received) turn.push(received);
    context.onSendActivities(async (_context, activities, sendNext) => {
      const responses = await sendNext();
      activities.forEach((sent, index) => {
        const entry = sentEntry(sent, responses?.[index]?.id, this.options.now());
        if (entry) turn.push(entry);
      });
      return responses;
    });

    await next();
    for (const entry of turn) this.transcripts.record(entry);
  }
}
