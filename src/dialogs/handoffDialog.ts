import type { TurnContext } from 'botbuilder';
import type { HandoffReason } from '../content/schema';
import { DialogIds } from './dialogIds';
import type { FlowOutcome } from './outcome';
import { QuestionDialog, QuestionState } from './questionDialog';
import { Lead, Replies } from './replies';
import type { DialogServices } from './services';

export interface HandoffOptions {
  /** Set when the handoff begins now; absent while the customer is already waiting. */
  start?: { reason: HandoffReason; detail?: string };
}

/**
 * Brings in a technician and then waits: the bot pushes no steps while a person has the conversation.
 * "Continue" (or "never mind") takes the customer back to where they were; "start over" is handled by the main dialog.
 */
export class HandoffDialog extends QuestionDialog<HandoffOptions> {
  private readonly replies: Replies;

  constructor(private readonly services: DialogServices) {
    super(DialogIds.handoff);
    this.replies = new Replies(services.content);
  }

  protected async ask(context: TurnContext, { start }: HandoffOptions): Promise<undefined> {
    if (!start) return undefined;

    const progress = (await this.services.progress.get(context))!;
    if (progress.phase !== 'handoff') {
      progress.handoff = { reason: start.reason, resumePhase: progress.phase, startedAt: new Date().toISOString() };
      progress.phase = 'handoff';
    }
    const client = this.services.content.clients.find((c) => c.id === progress.clientId);
    const notice = await this.services.handoff.initiate(context, { reason: start.reason, progress, client, detail: start.detail });
    await this.services.send(
      context,
      notice ?? {
        text: `${this.replies.text('handoffStarted')} ${this.replies.text('handoffAlternatives')}`,
        spoken: this.replies.text('handoffStartedSpoken'),
        expectsReply: false,
      },
    );
    return undefined;
  }

  protected async answer(context: TurnContext): Promise<FlowOutcome | undefined> {
    const text = context.activity.text ?? '';
    if (this.services.intents.matches('cancelHandoff', text)) {
      const progress = (await this.services.progress.get(context))!;
      progress.phase = progress.handoff?.resumePhase ?? 'choosing';
      progress.handoff = undefined;
      progress.misses = 0;
      await this.services.send(context, this.replies.info('handoffCancelled'));
      return { next: 'resume' };
    }
    await this.services.send(context, this.replies.question('handoffWaiting', {}, ['continue', 'startOver']));
    return undefined;
  }

  async remind(context: TurnContext, _state: QuestionState, lead?: Lead): Promise<void> {
    await this.services.send(context, this.replies.withLead(lead, this.replies.question('handoffWaiting', {}, ['continue', 'startOver'])));
  }
}
