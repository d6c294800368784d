import { turnLanguage } from '../customer/language';
import { Activity, EventFactory, TurnContext } from 'botbuilder';
import type { Content } from '../content/loader';
import type { HandoffGateway, HandoffRequest } from '../dialogs/services';
import type { Logger } from '../logging/logger';
import type { Redactor } from '../privacy/redaction';
import { redactSummary, redactTranscript } from './redactPacket';
import { buildSummary } from './summary';

/** Where the conversation so far comes from (the transcript store), most recent last. */
export type TranscriptSource = (context: TurnContext) => Promise<Partial<Activity>[]>;

/**
 * The Bot Framework handoff protocol: a `handoff.initiate` event whose value is the summary and whose
 * attachment is the transcript, for the channel or contact-center product to route to a technician.
 */
export class ProtocolHandoff implements HandoffGateway {
  constructor(
    private readonly content: Content,
    private readonly transcript: TranscriptSource,
    private readonly logger: Logger,
    /** The bot's one redactor: masks any password left in the summary and transcript (defence in depth). */
    private readonly redactor?: Redactor,
  ) {}

  async initiate(context: TurnContext, request: HandoffRequest): Promise<void> {
    const history = await this.transcript(context);
    // The current message is logged at the end of the turn, so add it here for the summary.
    const withCurrent = history.some((a) => a.id && a.id === context.activity.id) ? history : [...history, context.activity];
    const built = buildSummary(this.content, request, withCurrent, turnLanguage(context));
    const summary = this.redactor ? redactSummary(this.redactor, built) : built;
    const transcript = this.redactor ? redactTranscript(this.redactor, withCurrent) : withCurrent;
    const event = EventFactory.createHandoffInitiation(context, summary, { activities: transcript as Activity[] });
    await context.sendActivity(event);
    this.logger.info('handoff initiated', {
      conversationId: context.activity.conversation?.id,
      reason: summary.reason,
      stepReached: summary.stepReached,
    });
  }
}
