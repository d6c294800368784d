import type { TurnContext } from 'botbuilder';
import { DialogIds } from './dialogIds';
import type { FlowOutcome } from './outcome';
import type { Progress, SavedPlace } from './progress';
import { answerFor, isQuestion } from './answers';
import { QuestionDialog, QuestionState } from './questionDialog';
import { Lead, Replies } from './replies';
import type { DialogServices } from './services';

/**
 * A customer who comes back in a new conversation: "You were on step 4 of 8 for Outlook Express:
 * continue or start over?". Continue puts them back on that step; "start over" is handled by the
 * main dialog like everywhere else.
 */
export class ReturningDialog extends QuestionDialog {

  constructor(private readonly services: DialogServices) {
    super(DialogIds.returning);
  }

  private replies(context: TurnContext): Replies {
    return Replies.of(this.services.contentFor(context));
  }

  private async progress(context: TurnContext): Promise<Progress & { resume: SavedPlace }> {
    return (await this.services.progress.get(context)) as Progress & { resume: SavedPlace };
  }

  protected async ask(context: TurnContext): Promise<undefined> {
    const { resume } = await this.progress(context);
    const client = this.services.contentFor(context).clients.find((c) => c.id === resume.clientId)!;
    const values = { n: resume.stepIndex + 1, total: client.steps.length, clientName: client.displayName };
    const message = resume.phase === 'verifying' ? 'returningVerifying' : 'returningOnStep';
    await this.services.send(context, this.replies(context).question(message, values, ['continue', 'startOver']));
    return undefined;
  }

  async remind(context: TurnContext, _state: QuestionState, lead?: Lead): Promise<void> {
    await this.services.send(context, this.replies(context).withLead(lead, this.replies(context).question('returningReprompt', {}, ['continue', 'startOver'])));
  }

  protected async answer(context: TurnContext, state: QuestionState): Promise<FlowOutcome | undefined> {
    const progress = await this.progress(context);
    const understood = await this.services.understand(context, 'returning');
    if (isQuestion(understood.intent) && !understood.unsure) {
      this.services.noteOutcome?.(context, { kind: 'questionAnswered', answer: understood.intent });
      await this.remind(context, state, answerFor(this.services.contentFor(context), understood.intent));
      return undefined;
    }
    if (understood.intent === 'resume' && !understood.unsure) {
      const { clientId, phase, stepIndex, stepsCompleted } = progress.resume;
      Object.assign(progress, { phase, clientId, stepIndex, stepsCompleted, misses: 0, resume: undefined });
      return { next: 'resume' };
    }
    progress.misses += 1;
    if (progress.misses >= this.services.contentFor(context).policy.missesBeforeHandoff) return { next: 'handoff', reason: 'repeatedMisses' };
    await this.services.send(context, this.replies(context).question('returningReprompt', {}, ['continue', 'startOver']));
    return undefined;
  }
}
