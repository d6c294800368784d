import { ComponentDialog, Dialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { DialogIds } from './dialogIds';
import type { FlowOutcome } from './outcome';
import { Replies } from './replies';
import type { DialogServices } from './services';

interface AskOptions {
  quiet?: boolean;
}

const askResult = 'verification.result';
const askErrorKind = 'verification.errorKind';

/** After the last step: did a test email go through? If not, same error or a different one? */
export class VerificationDialog extends ComponentDialog {
  private readonly replies: Replies;

  constructor(private readonly services: DialogServices) {
    super(DialogIds.verification);
    this.replies = new Replies(services.content);
    this.addDialog(new WaterfallDialog(askResult, [this.askForResult.bind(this), this.interpretResult.bind(this)]));
    this.addDialog(new WaterfallDialog(askErrorKind, [this.askForErrorKind.bind(this), this.interpretErrorKind.bind(this)]));
    this.initialDialogId = askResult;
  }

  private async askForResult(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!(step.options as AskOptions | undefined)?.quiet) {
      await this.services.send(step.context, this.replies.question('verifyAsk', {}, ['worked', 'stillFailing']));
    }
    return Dialog.EndOfTurn;
  }

  private async interpretResult(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = step.context.activity.text ?? '';
    const progress = (await this.services.progress.get(step.context))!;
    const answer = this.services.intents.first(text, ['failed', 'worked'] as const);
    if (answer === 'worked') {
      await this.services.send(step.context, this.replies.info('verifyWorked'));
      return step.endDialog({ next: 'done' } satisfies FlowOutcome);
    }
    if (answer === 'failed') {
      progress.misses = 0;
      // "Still getting error 550" already says which error it is.
      if (this.services.intents.matches('sameError', text) && !this.services.intents.matches('differentError', text)) {
        return step.endDialog({ next: 'handoff', reason: 'verificationFailedSame', detail: text } satisfies FlowOutcome);
      }
      return step.replaceDialog(askErrorKind);
    }
    if (this.services.intents.matches('repeat', text)) return step.replaceDialog(askResult);
    return this.miss(step, 'verifyReprompt', ['worked', 'stillFailing'], askResult);
  }

  private async askForErrorKind(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!(step.options as AskOptions | undefined)?.quiet) {
      await this.services.send(step.context, this.replies.question('verifyFailedCheck', {}, ['sameError', 'differentError']));
    }
    return Dialog.EndOfTurn;
  }

  private async interpretErrorKind(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = step.context.activity.text ?? '';
    const kind = this.services.intents.first(text, ['differentError', 'sameError'] as const);
    if (kind === 'sameError') return step.endDialog({ next: 'handoff', reason: 'verificationFailedSame', detail: text } satisfies FlowOutcome);
    if (kind === undefined && this.services.intents.matches('repeat', text)) return step.replaceDialog(askErrorKind);
    // Anything else the customer types here is most likely the text of the new error: the technician gets it.
    if (kind === 'differentError' || text.trim().length > 0) {
      return step.endDialog({ next: 'handoff', reason: 'verificationFailedDifferent', detail: text } satisfies FlowOutcome);
    }
    return this.miss(step, 'verifyFailedCheckReprompt', ['sameError', 'differentError'], askErrorKind);
  }

  private async miss(
    step: WaterfallStepContext,
    message: 'verifyReprompt' | 'verifyFailedCheckReprompt',
    buttons: ('worked' | 'stillFailing' | 'sameError' | 'differentError')[],
    loop: string,
  ): Promise<DialogTurnResult> {
    const progress = (await this.services.progress.get(step.context))!;
    progress.misses += 1;
    if (progress.misses >= this.services.content.policy.missesBeforeHandoff) {
      return step.endDialog({ next: 'handoff', reason: 'repeatedMisses' } satisfies FlowOutcome);
    }
    await this.services.send(step.context, this.replies.question(message, {}, buttons));
    return step.replaceDialog(loop, { quiet: true });
  }
}
