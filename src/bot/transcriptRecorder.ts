import { Middleware, RoleTypes, TurnContext } from 'botbuilder';
import { CustomerState } from '../customer/customerState';
import { wasForgotten } from '../customer/forgotten';
import { sentLine, type TranscriptBounds, type TranscriptLine } from '../customer/transcript';
import type { StoredTranscripts } from '../customer/storedTranscripts';
import type { Logger } from '../logging/logger';

const committedByTurnKey = Symbol('stepwise.transcriptCommittedByTurn');

/** The turn runs through the TurnCommitter, which writes its lines with the customer's state. */
export function markCommittedByTurn(context: TurnContext): void {
  context.turnState.set(committedByTurnKey, true);
}

export interface TranscriptRecorderOptions {
  bounds: TranscriptBounds;
  now: () => Date;
  /** False for conversations that are not a customer's (the technicians' desk). */
  records: (context: TurnContext) => boolean;
  logger: Logger;
}

/**
 * The transcript of what the bot says outside the customer's own turns: check-ins, a technician's relayed words,
 * "a technician has joined". The customer's turns are recorded by the TurnCommitter, in the same write as their
 * state; these are added to that state afterwards (see StoredTranscripts.append). The last middleware: it sees
 * replies as they go out.
 */
export class TranscriptRecorder implements Middleware {
  constructor(
    private readonly transcripts: Pick<StoredTranscripts, 'append'>,
    private readonly options: TranscriptRecorderOptions,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    // As the SDK's logger did: a sender without a role (Teams sends none) is the user. The conversation
    // references taken from this activity (replies, cases, proactive messages) carry the role on.
    if (activity.from && !activity.from.role) activity.from.role = RoleTypes.User;

    const sent: TranscriptLine[] = [];
    context.onSendActivities(async (_context, activities, sendNext) => {
      const responses = await sendNext();
      for (const activity of activities) {
        const line = sentLine(activity, this.options.now(), this.options.bounds);
        if (line) sent.push(line);
      }
      return responses;
    });

    await next();
    if (sent.length === 0 || context.turnState.get(committedByTurnKey) || wasForgotten(context) || !this.options.records(context)) return;
    try {
      await this.transcripts.append(CustomerState.storageKey(context), sent);
    } catch (error) {
      this.options.logger.warn('could not add to the transcript', {
        conversationId: activity.conversation?.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
