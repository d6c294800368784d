import { ComponentDialog, Dialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { DialogIds } from './dialogIds';
import type { FlowOutcome } from './outcome';
import type { Progress, SavedPlace } from './progress';
import { Replies } from './replies';
import type { DialogServices } from './services';

interface OfferOptions {
  /** The reminder was just sent: wait for the answer. */
  quiet?: boolean;
}

const offer = 'returning.offer';

/**
 * A customer who comes back in a new conversation: "You were on step 4 of 8 for Outlook Express:
 * continue or start over?". Continue puts them back on that step; "start over" is handled by the
 * main dialog like everywhere else.
 */
export class ReturningDialog extends ComponentDialog {
  private readonly replies: Replies;

  constructor(private readonly services: DialogServices) {
    super(DialogIds.returning);
    this.replies = new Replies(services.content);
    this.addDialog(new WaterfallDialog(offer, [this.ask.bind(this), this.answer.bind(this)]));
    this.initialDialogId = offer;
  }

  private async progress(step: WaterfallStepContext): Promise<Progress & { resume: SavedPlace }> {
    return (await this.services.progress.get(step.context)) as Progress & { resume: SavedPlace };
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.options as OfferOptions | undefined)?.quiet) return Dialog.EndOfTurn;
    const { resume } = await this.progress(step);
    const client = this.services.content.clients.find((c) => c.id === resume.clientId)!;
    const values = { n: resume.stepIndex + 1, total: client.steps.length, clientName: client.displayName };
    const message = resume.phase === 'verifying' ? 'returningVerifying' : 'returningOnStep';
    await this.services.send(step.context, this.replies.question(message, values, ['continue', 'startOver']));
    return Dialog.EndOfTurn;
  }

  private async answer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const progress = await this.progress(step);
    if (this.services.intents.matches('resume', step.context.activity.text ?? '')) {
      const { clientId, phase, stepIndex, stepsCompleted } = progress.resume;
      Object.assign(progress, { phase, clientId, stepIndex, stepsCompleted, misses: 0, resume: undefined });
      return step.endDialog({ next: 'resume' } satisfies FlowOutcome);
    }
    progress.misses += 1;
    if (progress.misses >= this.services.content.policy.missesBeforeHandoff) {
      return step.endDialog({ next: 'handoff', reason: 'repeatedMisses' } satisfies FlowOutcome);
    }
    await this.services.send(step.context, this.replies.question('returningReprompt', {}, ['continue', 'startOver']));
    return step.replaceDialog(offer, { quiet: true } satisfies OfferOptions);
  }
}
