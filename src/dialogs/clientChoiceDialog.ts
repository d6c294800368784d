import { ActivityTypes, TurnContext } from 'botbuilder';
import type { MessageName } from '../content/schema';
import { DialogIds } from './dialogIds';
import type { FlowOutcome } from './outcome';
import { QuestionDialog } from './questionDialog';
import { Replies } from './replies';
import type { DialogServices } from './services';

export interface ClientChoiceOptions {
  /** After "start over": ask again without the greeting. */
  restart?: boolean;
  /** Re-asking after a reply that named no program. */
  reask?: boolean;
}

type Recognized = Exclude<ReturnType<DialogServices['clientChoices']['recognize']>, { kind: 'none' }>;

/** Greets, explains Error 550 and finds out which mail program the customer uses. */
export class ClientChoiceDialog extends QuestionDialog<ClientChoiceOptions> {
  private readonly replies: Replies;

  constructor(private readonly services: DialogServices) {
    super(DialogIds.clientChoice);
    this.replies = new Replies(services.content);
  }

  protected async ask(context: TurnContext, options: ClientChoiceOptions): Promise<FlowOutcome | undefined> {
    const { activity } = context;
    if (options.reask) return undefined;

    const opening = activity.type === ActivityTypes.Message && !options.restart ? (activity.text ?? '') : '';
    // A first message that already names the program ("I use Outlook 2007 and get error 550") skips the question.
    if (opening) {
      const choice = this.services.clientChoices.recognize(opening);
      if (choice.kind !== 'none') return this.finish(context, choice, true);
    }

    const lead = options.restart
      ? [this.replies.text('startOver')]
      : opening && this.services.clientChoices.isErrorReport(opening)
        ? [this.replies.text('errorRecognized'), this.replies.text('explain550')]
        : [this.replies.text('greeting'), this.replies.text('explain550')];
    await this.services.send(context, this.replies.askClient(lead));
    return undefined;
  }

  protected async answer(context: TurnContext): Promise<FlowOutcome | undefined> {
    const text = context.activity.text ?? '';
    const progress = (await this.services.progress.get(context))!;
    if (!text.trim()) return this.askAgain(context, 'notTextBeforeSteps');
    const choice = this.services.clientChoices.recognize(text);
    if (choice.kind !== 'none') return this.finish(context, choice, false);
    // "Repeat" (or "sorry?") is not a wrong answer: a caller who cannot scroll back hears the question again.
    if (this.services.intents.matches('repeat', text)) return this.askAgain(context, 'explain550');
    if (this.services.intents.matches('frustration', text)) return { next: 'handoff', reason: 'frustration' };
    // Describing the error ("it says relay not permitted") is on topic, not a miss: acknowledge it and ask again.
    if (this.services.clientChoices.isErrorReport(text)) return this.askAgain(context, 'errorRecognized');
    progress.misses += 1;
    if (progress.misses >= this.services.content.policy.missesBeforeHandoff) return { next: 'handoff', reason: 'repeatedMisses' };
    return this.askAgain(context, 'clientNotUnderstood');
  }

  private async askAgain(context: TurnContext, lead: MessageName): Promise<undefined> {
    await this.services.send(context, this.replies.askClient([this.replies.text(lead)]));
    return undefined;
  }

  private async finish(context: TurnContext, choice: Recognized, greet: boolean): Promise<FlowOutcome> {
    if (greet) await this.services.send(context, this.replies.info('greeting'));
    if (choice.kind === 'client') return { next: 'steps', clientId: choice.client.id };
    const clientName = choice.name ?? this.replies.text('unknownProgramName');
    await this.services.send(context, this.replies.info('unsupportedClient', { clientName, supportedClients: this.replies.supportedClientNames() }));
    return { next: 'handoff', reason: 'unsupportedClient', clientName };
  }
}
