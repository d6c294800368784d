import { ActivityTypes, TurnContext } from 'botbuilder';
import type { ButtonName, ClientContent } from '../content/schema';
import type { Understood } from '../understanding/understanding';
import { answerFor, isQuestion } from './answers';
import { DialogIds } from './dialogIds';
import type { FlowOutcome } from './outcome';
import type { Progress } from './progress';
import { programChoice, ProgramChoice } from './programs';
import { QuestionDialog, QuestionState } from './questionDialog';
import { Lead, Replies } from './replies';
import type { DialogServices } from './services';
import { answerTone } from './tone';

export interface ClientChoiceOptions {
  /** After "start over": ask again without the greeting. */
  restart?: boolean;
  /** Re-asking after a reply that named no program. */
  reask?: boolean;
  /** A program already named (e.g. "actually I use Thunderbird" on a step): act on it at once. */
  program?: string;
}

/**
 * Which question is open: the program, Outlook's version, the offer of the general steps for another
 * program, or the offer of a technician for a program the bot cannot guide (phones, webmail, new Outlook).
 */
type Question = 'program' | 'version' | 'generic' | 'offer';

interface ChoiceState extends QuestionState {
  question?: Question;
}

/** Greets, explains Error 550 and finds out which mail program (and which Outlook) the customer uses. */
export class ClientChoiceDialog extends QuestionDialog<ClientChoiceOptions> {

  constructor(private readonly services: DialogServices) {
    super(DialogIds.clientChoice);
  }

  private replies(context: TurnContext): Replies {
    return Replies.of(this.services.contentFor(context));
  }

  protected async ask(context: TurnContext, options: ClientChoiceOptions, state: QuestionState): Promise<FlowOutcome | undefined> {
    const { activity } = context;
    if (options.reask) return undefined;
    if (options.program) {
      const program = this.services.contentFor(context).understanding.entities.programs.find((p) => p.id === options.program);
      return this.choose(context, state as ChoiceState, programChoice(this.services.contentFor(context), program), []);
    }

    const opening = activity.type === ActivityTypes.Message && !options.restart ? (activity.text ?? '') : '';
    // A password in the very first message was masked like any other: the customer is told so at once.
    const warning = opening && this.services.passwordTyped(context) ? [this.replies(context).lead('passwordWarning')] : [];
    // A first message that already names the program ("I use Outlook 2007 and get error 550") skips the question.
    if (opening) {
      const understood = await this.services.understand(context, 'choosing');
      const choice = this.choiceIn(context, understood);
      if (choice.kind !== 'none') return this.choose(context, state as ChoiceState, choice, [this.replies(context).lead('greeting'), ...warning]);
      if (isQuestion(understood.intent)) {
        // The answer about passwords says it already.
        const before = understood.intent === 'ask.password' ? [] : warning;
        this.services.noteOutcome?.(context, { kind: 'questionAnswered', answer: understood.intent });
        return this.askProgram(context, state as ChoiceState, [this.replies(context).lead('greeting'), ...before, answerFor(this.services.contentFor(context), understood.intent)!]);
      }
    }

    const pastedError = !options.restart && !!opening && (await this.services.understand(context, 'choosing')).intent === 'reportError';
    if (pastedError) this.services.noteOutcome?.(context, { kind: 'pastedError' });
    const lead = options.restart
      ? [this.replies(context).lead('startOver')]
      : pastedError
        ? [this.replies(context).lead('errorRecognized'), ...warning, this.replies(context).lead('explain550')]
        : [this.replies(context).lead('greeting'), ...warning, this.replies(context).lead('explain550')];
    return this.askProgram(context, state as ChoiceState, lead);
  }

  async remind(context: TurnContext, state: QuestionState, lead?: Lead): Promise<void> {
    await this.askAgain(context, state as ChoiceState, lead ? [lead] : []);
  }

  protected async answer(context: TurnContext, questionState: QuestionState): Promise<FlowOutcome | undefined> {
    const state = questionState as ChoiceState;
    const text = context.activity.text ?? '';
    const progress = (await this.services.progress.get(context))!;
    if (!text.trim()) return this.askAgain(context, state, [this.replies(context).lead('notTextBeforeSteps')]);

    const question = state.question ?? 'program';
    const understood = await this.services.understand(context, question === 'version' ? 'version' : question === 'program' ? 'choosing' : 'confirming');
    const choice = this.choiceIn(context, understood);
    if (choice.kind !== 'none') return this.choose(context, state, choice, []);

    if (question === 'version') {
      // "Is there a Tools menu?" Yes: the help page's Outlook steps (2000 to 2003); no: Outlook 2010 or newer.
      const { withToolsMenu, withoutToolsMenu } = this.services.contentFor(context).understanding.entities.outlookByToolsMenu;
      if (understood.intent === 'yes') return this.choose(context, state, this.procedure(context, withToolsMenu), []);
      if (understood.intent === 'no') return this.choose(context, state, this.procedure(context, withoutToolsMenu), []);
      if (understood.intent === 'ask.mailProgram' || understood.intent === 'cant' || understood.intent === 'help') {
        return this.askVersion(context, state, undefined, 'versionHelp');
      }
    }
    if (question === 'generic' || question === 'offer') {
      if (understood.intent === 'yes' || understood.intent === 'done' || understood.intent === 'resume') {
        return question === 'generic' ? this.startGeneric() : this.technician(progress);
      }
      if (understood.intent === 'no' || understood.intent === 'otherProgram') return this.askProgram(context, state, []);
    }

    const tone = await answerTone(understood.intent, context, this.services, this.replies(context), (lead) => this.askAgain(context, state, [lead]));
    if (tone) return tone.outcome;
    switch (understood.intent) {
      case 'otherProgram':
        return this.choose(context, state, { kind: 'other', name: this.replies(context).text('unknownProgramName'), phoneOrWeb: false }, []);
      case 'repeat':
        return this.askAgain(context, state, [this.replies(context).lead('explain550')]);
      case 'reportError':
      case 'failed':
      case 'sameError':
        return this.askAgain(context, state, [this.replies(context).lead('errorRecognized')]);
      case 'worked':
        await this.services.send(context, this.replies(context).info('verifyWorked'));
        return { next: 'done' };
      case 'greet':
        return this.askAgain(context, state, [this.replies(context).lead('greetReply')]);
      case 'thanks':
        return this.askAgain(context, state, [this.replies(context).lead('thanksReply')]);
      case 'None':
        return this.miss(context, state, progress);
      default:
        if (understood.unsure) return this.miss(context, state, progress);
        if (isQuestion(understood.intent)) {
          this.services.noteOutcome?.(context, { kind: 'questionAnswered', answer: understood.intent });
          return this.askAgain(context, state, [answerFor(this.services.contentFor(context), understood.intent)!]);
        }
        return this.askAgain(context, state, []);
    }
  }

  /** The program a message names: by name, alias or version, or by its place in the list ("the second one"). */
  private choiceIn(context: TurnContext, understood: Understood): ProgramChoice {
    const named = programChoice(this.services.contentFor(context), understood.entities.program);
    if (named.kind !== 'none') return named;
    const position = this.services.intents.ordinal(understood.text);
    const listed = this.listed(context);
    if (position !== undefined && position <= listed.length) {
      const chosen = listed[position - 1];
      // The button "Microsoft Outlook" stands for every Outlook: which one decides the steps.
      return this.services.content.clients.some((c) => c.family === chosen.id) ? { kind: 'version' } : this.procedure(context, chosen.id);
    }
    if (position === listed.length + 1) return { kind: 'other', name: this.replies(context).text('unknownProgramName'), phoneOrWeb: false };
    return { kind: 'none' };
  }

  private listed(context: TurnContext): ClientContent[] {
    return this.services.contentFor(context).clients.filter((client) => client.listed);
  }

  private procedure(context: TurnContext, id: string): ProgramChoice {
    const client = this.services.contentFor(context).clients.find((c) => c.id === id);
    return client ? { kind: 'procedure', client } : { kind: 'none' };
  }

  private async choose(context: TurnContext, state: ChoiceState, choice: ProgramChoice, lead: Lead[]): Promise<FlowOutcome | undefined> {
    const progress = (await this.services.progress.get(context))!;
    const say = async (offer: Lead, buttons: ButtonName[], question: Question) => {
      state.question = question;
      await this.services.send(context, this.replies(context).joined(lead, { text: offer.text, spoken: offer.spoken, expectsReply: true, choices: this.replies(context).buttons(buttons) }));
      return undefined;
    };
    switch (choice.kind) {
      case 'procedure':
        if (lead.length) await this.services.send(context, { text: lead.map((l) => l.text).join(' '), expectsReply: false });
        progress.programNote = undefined;
        return { next: 'steps', clientId: choice.client.id };
      case 'version':
        return this.askVersion(context, state, lead[0]);
      case 'newOutlook':
        progress.programNote = this.services.contentFor(context).understanding.entities.programs.find((p) => p.id === 'new-outlook')?.synonyms[0] ?? 'new Outlook';
        return say(this.replies(context).lead('newOutlook'), ['yesTechnician', 'startOver'], 'offer');
      case 'webmail':
        return this.askProgram(context, state, [...lead, this.replies(context).lead('webmail')]);
      case 'other':
        progress.programNote = choice.name;
        if (choice.phoneOrWeb) return say(this.replies(context).lead('phoneOrWeb', { clientName: choice.name }), ['yesTechnician', 'startOver'], 'offer');
        return say(this.replies(context).lead('genericOffer', { clientName: choice.name }), ['tryGeneral', 'technician'], 'generic');
      default:
        return this.askProgram(context, state, lead);
    }
  }

  /** `question`: how to ask (which version; or, for a customer who cannot tell, how to tell by the menus). */
  private async askVersion(context: TurnContext, state: ChoiceState, lead?: Lead, question: 'askVersion' | 'versionHelp' = 'askVersion'): Promise<undefined> {
    state.question = 'version';
    const versions = this.services.contentFor(context).clients.filter((client) => client.versionLabel && (client.family || this.services.contentFor(context).clients.some((c) => c.family === client.id)));
    const choices = [...versions.map((client) => ({ label: client.versionLabel!, value: client.versionLabel! })), this.replies(context).button('noTools')];
    if (question === 'versionHelp') choices.splice(choices.length - 1, 0, this.replies(context).button('tools'));
    const ask = this.replies(context).lead(question);
    await this.services.send(context, this.replies(context).joined(lead ? [lead] : [], { text: ask.text, spoken: ask.spoken, expectsReply: true, choices }));
    return undefined;
  }

  private async askProgram(context: TurnContext, state: ChoiceState, lead: Lead[]): Promise<undefined> {
    state.question = 'program';
    await this.services.send(context, this.replies(context).askClient(lead));
    return undefined;
  }

  /** The open question again, after an answer or an acknowledgement. */
  private async askAgain(context: TurnContext, state: ChoiceState, lead: Lead[]): Promise<undefined> {
    switch (state.question) {
      case 'version':
        return this.askVersion(context, state, lead[0]);
      case 'generic':
        await this.services.send(context, this.replies(context).withLead(lead[0], this.replies(context).question('genericOfferReprompt', {}, ['tryGeneral', 'technician'])));
        return undefined;
      case 'offer':
        await this.services.send(context, this.replies(context).withLead(lead[0], this.replies(context).question('offerReprompt', {}, ['yesTechnician', 'startOver'])));
        return undefined;
      default:
        return this.askProgram(context, state, lead);
    }
  }

  private async miss(context: TurnContext, state: ChoiceState, progress: Progress): Promise<FlowOutcome | undefined> {
    progress.misses += 1;
    if (progress.misses >= this.services.contentFor(context).policy.missesBeforeHandoff) return { next: 'handoff', reason: 'repeatedMisses' };
    return this.askAgain(context, state, [this.replies(context).lead('clientNotUnderstood')]);
  }

  private startGeneric(): FlowOutcome {
    const generic = this.services.content.clients.find((client) => client.generic);
    return generic ? { next: 'steps', clientId: generic.id } : { next: 'handoff', reason: 'unsupportedClient' };
  }

  private technician(progress: Progress): FlowOutcome {
    return { next: 'handoff', reason: 'unsupportedClient', clientName: progress.programNote };
  }
}
