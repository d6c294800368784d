import { ComponentDialog, Dialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { HandoffReason } from '../content/schema';
import { DialogIds } from './dialogIds';
import type { FlowOutcome } from './outcome';
import { Replies } from './replies';
import type { DialogServices } from './services';

export interface HandoffOptions {
  /** Set when the handoff begins now; absent while the customer is already waiting. */
  start?: { reason: HandoffReason; detail?: string };
}

const waiting = 'handoff.waiting';

/**
 * Brings in a technician and then waits: the bot pushes no steps while a person has the conversation.
 * "Continue" (or "never mind") takes the customer back to where they were; "start over" is handled by the main dialog.
 */
export class HandoffDialog extends ComponentDialog {
  private readonly replies: Replies;

  constructor(private readonly services: DialogServices) {
    super(DialogIds.handoff);
    this.replies = new Replies(services.content);
    this.addDialog(new WaterfallDialog(waiting, [this.begin.bind(this), this.whileWaiting.bind(this)]));
    this.initialDialogId = waiting;
  }

  private async begin(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const start = (step.options as HandoffOptions | undefined)?.start;
    if (!start) return Dialog.EndOfTurn;

    const progress = (await this.services.progress.get(step.context))!;
    if (progress.phase !== 'handoff') {
      progress.handoff = { reason: start.reason, resumePhase: progress.phase, startedAt: new Date().toISOString() };
      progress.phase = 'handoff';
    }
    const client = this.services.content.clients.find((c) => c.id === progress.clientId);
    const notice = await this.services.handoff.initiate(step.context, { reason: start.reason, progress, client, detail: start.detail });
    await this.services.send(
      step.context,
      notice ?? {
        text: `${this.replies.text('handoffStarted')} ${this.replies.text('handoffAlternatives')}`,
        spoken: this.replies.text('handoffStartedSpoken'),
        expectsReply: false,
      },
    );
    return Dialog.EndOfTurn;
  }

  private async whileWaiting(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = step.context.activity.text ?? '';
    if (this.services.intents.matches('cancelHandoff', text)) {
      const progress = (await this.services.progress.get(step.context))!;
      progress.phase = progress.handoff?.resumePhase ?? 'choosing';
      progress.handoff = undefined;
      progress.misses = 0;
      await this.services.send(step.context, this.replies.info('handoffCancelled'));
      return step.endDialog({ next: 'resume' } satisfies FlowOutcome);
    }
    await this.services.send(step.context, this.replies.question('handoffWaiting', {}, ['continue', 'startOver']));
    return step.replaceDialog(waiting, {});
  }
}
