import { ActivityTypes } from 'botbuilder';
import { ComponentDialog, Dialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { DialogIds } from './dialogIds';
import type { FlowOutcome } from './outcome';
import { Replies } from './replies';
import type { DialogServices } from './services';

export interface ClientChoiceOptions {
  /** After "start over": ask again without the greeting. */
  restart?: boolean;
  /** Re-asking after a reply that named no program. */
  reask?: boolean;
}

const ask = 'clientChoice.ask';

/** Greets, explains Error 550 and finds out which mail program the customer uses. */
export class ClientChoiceDialog extends ComponentDialog {
  private readonly replies: Replies;

  constructor(private readonly services: DialogServices) {
    super(DialogIds.clientChoice);
    this.replies = new Replies(services.content);
    this.addDialog(new WaterfallDialog(ask, [this.askStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = ask;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as ClientChoiceOptions;
    const { activity } = step.context;
    if (options.reask) return Dialog.EndOfTurn;

    const opening = activity.type === ActivityTypes.Message && !options.restart ? (activity.text ?? '') : '';
    // A first message that already names the program ("I use Outlook 2007 and get error 550") skips the question.
    if (opening) {
      const choice = this.services.clientChoices.recognize(opening);
      if (choice.kind !== 'none') return this.finish(step, choice, true);
    }

    const lead = options.restart
      ? [this.replies.text('startOver')]
      : opening && this.services.clientChoices.isErrorReport(opening)
        ? [this.replies.text('errorRecognized'), this.replies.text('explain550')]
        : [this.replies.text('greeting'), this.replies.text('explain550')];
    await this.services.send(step.context, this.replies.askClient(lead));
    return Dialog.EndOfTurn;
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const text = step.context.activity.text ?? '';
    const progress = await this.services.progress.get(step.context);
    if (!text.trim()) {
      await this.services.send(step.context, { ...this.replies.askClient([this.replies.text('notTextBeforeSteps')]) });
      return step.replaceDialog(ask, { reask: true });
    }
    const choice = this.services.clientChoices.recognize(text);
    if (choice.kind !== 'none') return this.finish(step, choice, false);
    // "Repeat" (or "sorry?") is not a wrong answer: a caller who cannot scroll back hears the question again.
    if (this.services.intents.matches('repeat', text)) {
      await this.services.send(step.context, this.replies.askClient([this.replies.text('explain550')]));
      return step.replaceDialog(ask, { reask: true });
    }
    if (this.services.intents.matches('frustration', text)) {
      return step.endDialog({ next: 'handoff', reason: 'frustration' } satisfies FlowOutcome);
    }
    // Describing the error ("it says relay not permitted") is on topic, not a miss: acknowledge it and ask again.
    if (this.services.clientChoices.isErrorReport(text)) {
      await this.services.send(step.context, this.replies.askClient([this.replies.text('errorRecognized')]));
      return step.replaceDialog(ask, { reask: true });
    }
    progress!.misses += 1;
    if (progress!.misses >= this.services.content.policy.missesBeforeHandoff) {
      return step.endDialog({ next: 'handoff', reason: 'repeatedMisses' } satisfies FlowOutcome);
    }
    await this.services.send(step.context, this.replies.askClient([this.replies.text('clientNotUnderstood')]));
    return step.replaceDialog(ask, { reask: true });
  }

  private async finish(
    step: WaterfallStepContext,
    choice: Exclude<ReturnType<DialogServices['clientChoices']['recognize']>, { kind: 'none' }>,
    greet: boolean,
  ): Promise<DialogTurnResult> {
    if (greet) await this.services.send(step.context, this.replies.info('greeting'));
    if (choice.kind === 'client') return step.endDialog({ next: 'steps', clientId: choice.client.id } satisfies FlowOutcome);
    const clientName = choice.name ?? this.replies.text('unknownProgramName');
    await this.services.send(
      step.context,
      this.replies.info('unsupportedClient', { clientName, supportedClients: this.replies.supportedClientNames() }),
    );
    return step.endDialog({ next: 'handoff', reason: 'unsupportedClient', clientName } satisfies FlowOutcome);
  }
}
