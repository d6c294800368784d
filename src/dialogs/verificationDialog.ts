import type { TurnContext } from 'botbuilder';
import type { ButtonName, MessageName } from '../content/schema';
import type { Understood } from '../understanding/understanding';
import { answerFor, isQuestion } from './answers';
import { DialogIds } from './dialogIds';
import type { FlowOutcome } from './outcome';
import { QuestionDialog, QuestionState } from './questionDialog';
import { Lead, Replies } from './replies';
import type { DialogServices } from './services';
import { answerTone } from './tone';

export interface VerificationOptions {
  /** The customer said it works before the last step: "great news, to be sure, send a test email". */
  early?: boolean;
}

/**
 * Which question is open: did the test email go through; (it did not) the same error or another; the
 * other error's words; after checking the three settings and reopening the program, did it go through?
 */
type Question = 'result' | 'errorKind' | 'errorText' | 'afterCheck';

interface VerificationState extends QuestionState {
  question?: Question;
  early?: boolean;
}

const asked: Record<Question, { message: MessageName; reprompt: MessageName; buttons: ButtonName[] }> = {
  result: { message: 'verifyAsk', reprompt: 'verifyReprompt', buttons: ['worked', 'stillFailing'] },
  errorKind: { message: 'verifyFailedCheck', reprompt: 'verifyFailedCheckReprompt', buttons: ['sameError', 'differentError'] },
  errorText: { message: 'errorTextAsk', reprompt: 'errorTextAsk', buttons: [] },
  afterCheck: { message: 'troubleshootSame', reprompt: 'troubleshootSameReprompt', buttons: ['worked', 'stillFailing'] },
};

/**
 * After the last step: did a test email go through? If not, a short troubleshooting before a technician:
 * the same error gets a check of the three settings and a restart of the program; another error is asked
 * for in the customer's words, which the technician then gets.
 */
export class VerificationDialog extends QuestionDialog<VerificationOptions> {

  constructor(private readonly services: DialogServices) {
    super(DialogIds.verification);
  }

  private replies(context: TurnContext): Replies {
    return Replies.of(this.services.contentFor(context));
  }

  protected async ask(context: TurnContext, options: VerificationOptions, state: QuestionState): Promise<undefined> {
    (state as VerificationState).early = options.early;
    return this.askFor('result', context, state as VerificationState);
  }

  async remind(context: TurnContext, questionState: QuestionState, lead?: Lead): Promise<void> {
    const state = questionState as VerificationState;
    const { reprompt, buttons } = asked[state.question ?? 'result'];
    await this.services.send(context, this.replies(context).withLead(lead, this.replies(context).question(reprompt, {}, buttons)));
  }

  protected async answer(context: TurnContext, questionState: QuestionState): Promise<FlowOutcome | undefined> {
    const state = questionState as VerificationState;
    const question = state.question ?? 'result';
    const text = context.activity.text ?? '';
    if (!text.trim()) return this.miss(context, state);
    if (question === 'errorText') return this.differentError(context, text);

    const understood = await this.services.understand(context, question === 'errorKind' ? 'errorKind' : 'verifying');
    if (understood.intent === 'None' || understood.unsure) {
      // Words that are not an answer here, after "a different error", are most likely that error's text.
      if (question === 'errorKind' && text.trim().split(/\s+/).length >= 3) return this.differentError(context, text);
      return this.miss(context, state);
    }
    const progress = (await this.services.progress.get(context))!;
    progress.misses = 0;
    const tone = await answerTone(understood.intent, context, this.services, this.replies(context), (lead) => this.remind(context, state, lead));
    if (tone) return tone.outcome;
    switch (understood.intent) {
      case 'worked':
        if (question === 'errorKind') break;
        await this.services.send(context, this.replies(context).info('verifyWorked'));
        return { next: 'done' };
      case 'failed':
        if (question === 'afterCheck') return { next: 'handoff', reason: 'verificationFailedSame', detail: text };
        return this.failed(context, state, understood, text);
      case 'sameError':
        return question === 'afterCheck' ? { next: 'handoff', reason: 'verificationFailedSame', detail: text } : this.askFor('afterCheck', context, state);
      case 'differentError':
        return this.differentError(context, understood.entities.errorCode || text.trim().split(/\s+/).length >= 4 ? text : undefined, state, understood);
      case 'back':
        return { next: 'lastStep' };
      case 'repeat':
      case 'whereWasI':
        return this.askFor(question, context, state);
      default:
        break;
    }
    if (isQuestion(understood.intent)) {
      this.services.noteOutcome?.(context, { kind: 'questionAnswered', answer: understood.intent });
      await this.remind(context, state, answerFor(this.services.contentFor(context), understood.intent));
      return undefined;
    }
    await this.remind(context, state);
    return undefined;
  }

  private async askFor(question: Question, context: TurnContext, state: VerificationState): Promise<undefined> {
    state.question = question;
    const { message, buttons } = asked[question];
    const first = question === 'result' && state.early ? 'workedEarly' : message;
    await this.services.send(context, this.replies(context).question(first, {}, buttons));
    return undefined;
  }

  /** "Still failing": the error is often named already ("still 550"); otherwise ask which. */
  private failed(context: TurnContext, state: VerificationState, understood: Understood, text: string): Promise<FlowOutcome | undefined> {
    const code = understood.entities.errorCode;
    if (code && this.services.contentFor(context).understanding.intents.sameErrorCodes.includes(code)) return this.askFor('afterCheck', context, state);
    if (code) return this.differentError(context, text, state, understood);
    return this.askFor('errorKind', context, state);
  }

  /** Another error: its words go to the technician (a known one is explained first); without them, ask for them. */
  private async differentError(context: TurnContext, text: string | undefined, state?: VerificationState, understood?: Understood): Promise<FlowOutcome | undefined> {
    if (!text && state) return this.askFor('errorText', context, state);
    const code = understood?.entities.errorCode ?? (text ? (await this.services.understand(context, 'errorKind')).entities.errorCode : undefined);
    const known = code ? this.services.contentFor(context).understanding.answers.errors[code] : undefined;
    this.services.noteOutcome?.(context, { kind: 'verificationError', error: code });
    if (known) await this.services.send(context, { text: known.text, spoken: known.spoken, expectsReply: false });
    return { next: 'handoff', reason: 'verificationFailedDifferent', detail: text };
  }

  private async miss(context: TurnContext, state: VerificationState): Promise<FlowOutcome | undefined> {
    const progress = (await this.services.progress.get(context))!;
    progress.misses += 1;
    if (progress.misses >= this.services.contentFor(context).policy.missesBeforeHandoff) return { next: 'handoff', reason: 'repeatedMisses' };
    await this.remind(context, state);
    return undefined;
  }
}
