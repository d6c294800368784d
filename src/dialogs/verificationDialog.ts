import type { TurnContext } from 'botbuilder';
import type { FlowOutcome } from './outcome';
import { DialogIds } from './dialogIds';
import { QuestionDialog, QuestionState } from './questionDialog';
import { Replies } from './replies';
import type { DialogServices } from './services';

/** Which question is open: did the test email go through, or (it did not) is it the same error? */
type Question = 'result' | 'errorKind';

/** After the last step: did a test email go through? If not, same error or a different one? */
export class VerificationDialog extends QuestionDialog {
  private readonly replies: Replies;

  constructor(private readonly services: DialogServices) {
    super(DialogIds.verification);
    this.replies = new Replies(services.content);
  }

  protected async ask(context: TurnContext, _options: object, state: QuestionState): Promise<undefined> {
    return this.askFor('result', context, state);
  }

  protected answer(context: TurnContext, state: QuestionState): Promise<FlowOutcome | undefined> {
    return state.question === 'errorKind' ? this.interpretErrorKind(context, state) : this.interpretResult(context, state);
  }

  private async askFor(question: Question, context: TurnContext, state: QuestionState): Promise<undefined> {
    state.question = question;
    const reply =
      question === 'result'
        ? this.replies.question('verifyAsk', {}, ['worked', 'stillFailing'])
        : this.replies.question('verifyFailedCheck', {}, ['sameError', 'differentError']);
    await this.services.send(context, reply);
    return undefined;
  }

  private async interpretResult(context: TurnContext, state: QuestionState): Promise<FlowOutcome | undefined> {
    const text = context.activity.text ?? '';
    const progress = (await this.services.progress.get(context))!;
    const answer = this.services.intents.first(text, ['failed', 'worked'] as const);
    if (answer === 'worked') {
      await this.services.send(context, this.replies.info('verifyWorked'));
      return { next: 'done' };
    }
    if (answer === 'failed') {
      progress.misses = 0;
      // "Still getting error 550" already says which error it is.
      if (this.services.intents.matches('sameError', text) && !this.services.intents.matches('differentError', text)) {
        return { next: 'handoff', reason: 'verificationFailedSame', detail: text };
      }
      return this.askFor('errorKind', context, state);
    }
    if (this.services.intents.matches('repeat', text)) return this.askFor('result', context, state);
    return this.miss(context, 'verifyReprompt', ['worked', 'stillFailing']);
  }

  private async interpretErrorKind(context: TurnContext, state: QuestionState): Promise<FlowOutcome | undefined> {
    const text = context.activity.text ?? '';
    const kind = this.services.intents.first(text, ['differentError', 'sameError'] as const);
    if (kind === 'sameError') return { next: 'handoff', reason: 'verificationFailedSame', detail: text };
    if (kind === undefined && this.services.intents.matches('repeat', text)) return this.askFor('errorKind', context, state);
    // Anything else the customer types here is most likely the text of the new error: the technician gets it.
    if (kind === 'differentError' || text.trim().length > 0) return { next: 'handoff', reason: 'verificationFailedDifferent', detail: text };
    return this.miss(context, 'verifyFailedCheckReprompt', ['sameError', 'differentError']);
  }

  private async miss(
    context: TurnContext,
    message: 'verifyReprompt' | 'verifyFailedCheckReprompt',
    buttons: ('worked' | 'stillFailing' | 'sameError' | 'differentError')[],
  ): Promise<FlowOutcome | undefined> {
    const progress = (await this.services.progress.get(context))!;
    progress.misses += 1;
    if (progress.misses >= this.services.content.policy.missesBeforeHandoff) return { next: 'handoff', reason: 'repeatedMisses' };
    await this.services.send(context, this.replies.question(message, {}, buttons));
    return undefined;
  }
}
