import type { TurnContext } from 'botbuilder';
import type { ClientContent } from '../content/schema';
import type { Understood } from '../understanding/understanding';
import { AnswerName, answerFor, isQuestion } from './answers';
import { DialogIds } from './dialogIds';
import type { FlowOutcome } from './outcome';
import type { Progress } from './progress';
import { QuestionDialog, QuestionState } from './questionDialog';
import { programChoice } from './programs';
import { Lead, Replies } from './replies';
import type { DialogServices } from './services';
import { compareWithStep } from './stepValues';
import { answerTone } from './tone';

/** Intents a message naming the step's value may come with ("it says ...", "done, it's ..."): the value decides. */
const valueIntents = new Set<string>(['done', 'alreadyDone', 'observe', 'yes', 'resume', 'cant', 'help']);

/** What a step turn remembers: a program switch waiting for yes or no, and whether the step's help was given after "I can't". */
interface StepState extends QuestionState {
  /** The procedure to switch to, or (for a program without its own steps, or Outlook of unknown version) the program. */
  confirmSwitch?: { clientId: string } | { program: string };
  helpedOnStep?: number;
}

/**
 * One instruction per turn, "Step n of m", and nothing moves on until the customer says done (in their
 * words: "it already says smtp...", "dnoe", "ok next"). Questions get an answer and a one-line reminder;
 * "I can't" gets the step's help first; only messages the bot did not understand count as misses.
 */
export class GuidedStepsDialog extends QuestionDialog {

  constructor(private readonly services: DialogServices) {
    super(DialogIds.guidedSteps);
  }

  private replies(context: TurnContext): Replies {
    return Replies.of(this.services.contentFor(context));
  }

  private async current(context: TurnContext): Promise<{ progress: Progress; client: ClientContent }> {
    const progress = (await this.services.progress.get(context))!;
    const client = this.services.contentFor(context).clients.find((c) => c.id === progress.clientId);
    if (!client) throw new Error(`Progress names an unknown mail client: ${progress.clientId}`);
    return { progress, client };
  }

  /** `readChoices`: on voice, read the choices out (the first step shown, or the step asked for again). */
  private async showStep(context: TurnContext, lead?: string, readChoices = false): Promise<undefined> {
    const { progress, client } = await this.current(context);
    await this.services.send(context, this.replies(context).step(client, progress.stepIndex, lead, readChoices));
    return undefined;
  }

  /** Says `lead`, then where the customer still is, with the step's buttons. */
  async remind(context: TurnContext, _state: QuestionState, lead?: Lead): Promise<void> {
    const { progress, client } = await this.current(context);
    await this.services.send(context, this.replies(context).withLead(lead, this.replies(context).stepLine(client, progress.stepIndex)));
  }

  protected ask(context: TurnContext): Promise<FlowOutcome | undefined> {
    return this.showStep(context, undefined, true);
  }

  protected async answer(context: TurnContext, questionState: QuestionState): Promise<FlowOutcome | undefined> {
    const state = questionState as StepState;
    const { progress, client } = await this.current(context);
    const text = context.activity.text ?? '';
    if (!text.trim()) {
      await this.services.send(context, this.replies(context).stepReminder('notText', progress.stepIndex));
      return undefined;
    }
    const understood = await this.services.understand(context, state.confirmSwitch ? 'confirming' : 'steps');
    if (state.confirmSwitch) {
      const target = state.confirmSwitch;
      state.confirmSwitch = undefined;
      if (understood.intent === 'yes') return 'clientId' in target ? { next: 'steps', clientId: target.clientId } : { next: 'choose', program: target.program };
      if (understood.intent === 'no') return this.showStep(context, this.replies(context).text('switchKept', { clientName: client.displayName }));
    }
    if (understood.intent !== 'wait' && progress.paused) progress.paused = undefined;
    // A value the step asks for, named in words the bot is not sure of ("ok changed to smtp.airmail.net"):
    // the value decides, right or wrong.
    if (understood.intent === 'None' || understood.unsure || valueIntents.has(understood.intent)) {
      const verdict = compareWithStep(client.steps[progress.stepIndex], understood.entities, this.services.content);
      if (verdict.kind !== 'unknown') {
        progress.misses = 0;
        return this.observed(context, understood, progress, client);
      }
    }
    if (understood.intent === 'None' || understood.unsure) return this.miss(context, progress, understood);
    progress.misses = 0;
    const tone = await answerTone(understood.intent, context, this.services, this.replies(context), (lead) => this.remind(context, state, lead));
    if (tone) return tone.outcome;

    switch (understood.intent) {
      case 'done':
        return this.advance(context, progress, client);
      case 'alreadyDone':
      case 'observe':
        return this.observed(context, understood, progress, client);
      case 'back':
        if (progress.stepIndex === 0) return this.showStep(context, this.replies(context).text('alreadyAtFirstStep'));
        progress.stepIndex -= 1;
        return this.showStep(context);
      case 'repeat':
        return this.showStep(context, undefined, true);
      case 'whereWasI':
        return this.showStep(context, this.replies(context).text('whereWasI', { n: progress.stepIndex + 1, total: client.steps.length }), true);
      case 'help':
        this.services.noteOutcome?.(context, { kind: 'helpAsked', help: 'hint' });
        await this.services.send(context, this.replies(context).hint(client, progress.stepIndex));
        return undefined;
      case 'cant':
        return this.cannot(context, state, progress, client);
      case 'noMenu':
        return this.answerQuestion(context, client, progress, 'noMenu');
      case 'wait':
        progress.paused = true;
        await this.services.send(context, this.replies(context).stepReminder('pause', progress.stepIndex));
        return undefined;
      case 'worked':
        return { next: 'verify', early: true };
      case 'program':
        return this.program(context, state, understood, progress, client);
      case 'thanks':
        await this.remind(context, state, this.replies(context).lead('thanksReply'));
        return undefined;
      case 'greet':
        await this.remind(context, state, this.replies(context).lead('greetReply'));
        return undefined;
      case 'reportError':
      case 'failed':
        await this.remind(context, state, this.replies(context).lead('reportErrorOnStep'));
        return undefined;
      default:
        if (isQuestion(understood.intent)) return this.answerQuestion(context, client, progress, understood.intent);
        // Said where it means nothing (cancel, resume, yes to no question): where they are, not a miss.
        await this.remind(context, state);
        return undefined;
    }
  }

  private async advance(context: TurnContext, progress: Progress, client: ClientContent, lead?: string): Promise<FlowOutcome | undefined> {
    progress.stepIndex += 1;
    progress.stepsCompleted = Math.max(progress.stepsCompleted, progress.stepIndex);
    if (progress.stepIndex >= client.steps.length) {
      if (lead) await this.services.send(context, { text: lead, expectsReply: false });
      return { next: 'verify' };
    }
    return this.showStep(context, lead);
  }

  /** "It already says smtp.airmail.net" is done; "mine says mail.airmail.net" is told what to change. */
  private async observed(context: TurnContext, understood: Understood, progress: Progress, client: ClientContent): Promise<FlowOutcome | undefined> {
    const step = client.steps[progress.stepIndex];
    const verdict = compareWithStep(step, understood.entities, this.services.content);
    if (verdict.kind === 'right') return this.advance(context, progress, client, this.replies(context).text('valueRight'));
    if (verdict.kind === 'wrong') {
      await this.services.send(context, this.replies(context).withLead(this.replies(context).lead(verdict.message, { observed: verdict.observed }), this.replies(context).stepLine(client, progress.stepIndex)));
      return undefined;
    }
    if (understood.intent === 'alreadyDone') return this.advance(context, progress, client, this.replies(context).text('alreadyDone'));
    // A box that shows something other than what the step wants, with no value named: what it should be.
    return this.answerQuestion(context, client, progress, 'ask.stepValue');
  }

  /** "I can't", "no", "didn't work": the step's help first; the same again on this step brings in a technician. */
  private async cannot(context: TurnContext, state: StepState, progress: Progress, client: ClientContent): Promise<FlowOutcome | undefined> {
    if (state.helpedOnStep === progress.stepIndex) return { next: 'handoff', reason: 'stuckOnStep' };
    state.helpedOnStep = progress.stepIndex;
    this.services.noteOutcome?.(context, { kind: 'helpAsked', help: 'cant' });
    await this.services.send(context, this.replies(context).withLead(this.replies(context).lead('cantFirst'), this.replies(context).hint(client, progress.stepIndex)));
    return undefined;
  }

  private async answerQuestion(context: TurnContext, client: ClientContent, progress: Progress, question: AnswerName): Promise<undefined> {
    const answer = answerFor(this.services.contentFor(context), question, client.steps[progress.stepIndex]);
    this.services.noteOutcome?.(context, { kind: 'questionAnswered', answer: question });
    // No answer for this question here (a menu that is not missing on this step): the step's own help.
    if (!answer) await this.services.send(context, this.replies(context).hint(client, progress.stepIndex));
    else await this.services.send(context, this.replies(context).withLead(answer, this.replies(context).stepLine(client, progress.stepIndex)));
    return undefined;
  }

  /**
   * "Actually I have Microsoft Outlook": switch after a yes, since the steps start again. A program without
   * steps of its own, or Outlook of unknown version, goes back to the program question after the yes.
   */
  private async program(context: TurnContext, state: StepState, understood: Understood, progress: Progress, client: ClientContent): Promise<FlowOutcome | undefined> {
    const program = understood.entities.program!;
    const choice = programChoice(this.services.contentFor(context), program);
    const { clients } = this.services.contentFor(context);
    const head = clients.find((c) => c.id === (client.family ?? client.id));
    const inFamily = !!head && clients.some((c) => c.family === head.id);
    if ((choice.kind === 'procedure' && choice.client.id === client.id) || (choice.kind === 'version' && inFamily)) {
      await this.remind(context, state, this.replies(context).lead('sameProgram', { clientName: client.displayName }));
      return undefined;
    }
    if (choice.kind === 'none') return this.miss(context, progress, understood);
    if (choice.kind === 'webmail') {
      await this.remind(context, state, this.replies(context).lead('webmail'));
      return undefined;
    }
    state.confirmSwitch = choice.kind === 'procedure' ? { clientId: choice.client.id } : { program: program.id };
    const clientName =
      choice.kind === 'procedure'
        ? choice.client.displayName
        : choice.kind === 'other'
          ? choice.name
          : (clients.find((c) => clients.some((member) => member.family === c.id))?.displayName ?? program.synonyms[0]);
    const values = { n: progress.stepIndex + 1, total: client.steps.length, currentName: client.displayName, clientName };
    await this.services.send(context, this.replies(context).question('switchConfirm', values, ['switchYes', 'switchNo']));
    return undefined;
  }

  private async miss(context: TurnContext, progress: Progress, understood: Understood): Promise<FlowOutcome | undefined> {
    progress.misses += 1;
    if (progress.misses >= this.services.contentFor(context).policy.missesBeforeHandoff) return { next: 'handoff', reason: 'repeatedMisses' };
    if (understood.unsure?.length) {
      await this.services.send(context, this.replies(context).clarify(understood.unsure, this.replies(context).stepButtons()));
      return undefined;
    }
    await this.services.send(context, this.replies(context).stepReminder('notUnderstoodStep', progress.stepIndex));
    return undefined;
  }
}
