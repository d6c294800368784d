import { ActivityTypes, StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  DialogContext,
  DialogSet,
  DialogState,
  DialogStateManagerConfiguration,
  DialogTurnResult,
  DialogTurnStatus,
  WaterfallDialog,
  WaterfallStepContext,
} from './sdk';
import { carried, Carried } from './attachments';
import { ClientChoiceDialog, ClientChoiceOptions } from './clientChoiceDialog';
import { DialogIds } from './dialogIds';
import { GuidedStepsDialog } from './guidedStepsDialog';
import { HandoffDialog, HandoffOptions } from './handoffDialog';
import type { FlowOutcome } from './outcome';
import { newProgress, Progress } from './progress';
import { QuestionDialog, QuestionState, QuietStart } from './questionDialog';
import { Replies } from './replies';
import { ReturningDialog } from './returningDialog';
import type { DialogServices } from './services';
import { VerificationDialog, VerificationOptions } from './verificationDialog';
import type { UnderstandingContext } from '../understanding/understanding';
import { languageRequested } from '../customer/language';

/** How the flow is (re)started: options for the program question, a handoff beginning now, or quietly (see QuietStart). */
export type FlowOptions = ClientChoiceOptions & QuietStart & { handoff?: HandoffOptions['start']; verifyEarly?: boolean };

/** Where a customer in this phase is, for understanding what they say. */
function understandingContext(progress: Progress): UnderstandingContext {
  switch (progress.phase) {
    case 'steps':
      return 'steps';
    case 'verifying':
      return 'verifying';
    case 'handoff':
      return 'waiting';
    case 'returning':
      return 'returning';
    default:
      return 'choosing';
  }
}

/** With a picture, these still do what they say; anything else is taken to be about the picture. */
const actsBesidePicture = new Set([
  'done', 'alreadyDone', 'back', 'repeat', 'cant', 'noMenu', 'wait', 'whereWasI', 'frustration', 'complaint', 'worked', 'failed',
  'sameError', 'differentError', 'program', 'otherProgram', 'forgetMe', 'cancel', 'resume', 'yes', 'no',
]);

// Where DialogStateManager looks for a configuration before building one (botbuilder-dialogs does not export the key).
const stateManagerConfigurationKey = 'DialogStateManagerConfiguration';

/**
 * The conversation: one DialogSet holding the flow (a waterfall that reads the customer's progress and
 * runs the dialog for that phase, handoffs included, so whatever a phase dialog ends with comes back to
 * it) and the phase dialogs. "Start over" and asking for a person work from anywhere, so each turn checks
 * them first. The set sits at the root rather than inside a ComponentDialog: a turn then builds one
 * DialogContext, not three (see docs/benchmark.md).
 */
export class Conversation {
  private readonly dialogs: DialogSet;
  /** Built on the first turn and reused, as DialogManager.stateConfiguration is: otherwise every turn rebuilds the memory scopes. */
  private stateManagerConfiguration?: DialogStateManagerConfiguration;

  constructor(
    private readonly services: DialogServices,
    dialogState: StatePropertyAccessor<DialogState>,
  ) {
    this.dialogs = new DialogSet(dialogState)
      .add(new ClientChoiceDialog(services))
      .add(new GuidedStepsDialog(services))
      .add(new VerificationDialog(services))
      .add(new HandoffDialog(services))
      .add(new ReturningDialog(services))
      .add(new WaterfallDialog(DialogIds.flow, [this.runPhase.bind(this), this.afterPhase.bind(this)]));
  }

  private replies(context: TurnContext): Replies {
    return Replies.of(this.services.contentFor(context));
  }

  /** One turn: an interruption, or the active dialog continues, or the flow begins. */
  async run(context: TurnContext): Promise<void> {
    const dc = await this.context(context);
    // A stack saved by an earlier version names dialogs that no longer exist: it is rebuilt, without a word,
    // at the place the customer's progress records, and their message is then answered as usual.
    if (dc.stack.some((instance) => !this.dialogs.find(instance.id))) {
      dc.stack.length = 0;
      await dc.beginDialog(DialogIds.flow, { quiet: true } satisfies FlowOptions);
    }
    if (languageRequested(context) && (await this.continueInLanguage(dc))) return;
    if (await this.interrupt(dc)) return;
    if (this.services.passwordTyped(context) && (await this.warnAboutPassword(dc))) return;
    const attached = context.activity.type === ActivityTypes.Message ? carried(context.activity) : undefined;
    if (attached && (await this.answerAttachment(dc, attached))) return;
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(DialogIds.flow);
  }

  /** Drops whatever dialog was running and begins the flow again from the customer's progress. */
  async restart(context: TurnContext, options: FlowOptions = {}): Promise<void> {
    const dc = await this.context(context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(DialogIds.flow, options);
  }

  /** Ends whatever dialog was running: the next message begins the flow from the customer's progress. */
  async stop(context: TurnContext): Promise<void> {
    await (await this.context(context)).cancelAllDialogs();
  }

  private async context(context: TurnContext): Promise<DialogContext> {
    if (this.stateManagerConfiguration) context.turnState.set(stateManagerConfigurationKey, this.stateManagerConfiguration);
    const dc = await this.dialogs.createContext(context);
    this.stateManagerConfiguration ??= dc.state.configuration;
    return dc;
  }

  /**
   * The customer only asked for a language ("español"): say so in it, and the open question again in it.
   * With no question open (their first message), the flow begins, in that language.
   */
  private async continueInLanguage(dc: DialogContext): Promise<boolean> {
    const active = dc.activeDialog && this.dialogs.find(dc.activeDialog.id);
    if (!(active instanceof QuestionDialog)) return false;
    await active.remind(dc.context, dc.activeDialog!.state as QuestionState, this.replies(dc.context).lead('languageChanged'));
    return true;
  }

  /** A password was typed (and masked): warn, and say again what the open question is, with its buttons. */
  private async warnAboutPassword(dc: DialogContext): Promise<boolean> {
    const active = dc.activeDialog && this.dialogs.find(dc.activeDialog.id);
    if (!(active instanceof QuestionDialog)) return false;
    await active.remind(dc.context, dc.activeDialog!.state as QuestionState, this.replies(dc.context).lead('passwordWarning'));
    return true;
  }

  /**
   * A picture or file the bot cannot read, sent alone or with words about it ("here you go", "what does
   * this mean?", "I get this error"): say so kindly and what to type instead, then the open question
   * again. Words that move the conversation ("done", "it worked", "I can't find it") are answered as usual.
   */
  private async answerAttachment(dc: DialogContext, attached: Carried): Promise<boolean> {
    const active = dc.activeDialog && this.dialogs.find(dc.activeDialog.id);
    if (!(active instanceof QuestionDialog)) return false;
    if (dc.context.activity.text?.trim()) {
      const progress = await this.services.progress.get(dc.context, newProgress());
      const understood = await this.services.understand(dc.context, understandingContext(progress));
      if (!understood.unsure && actsBesidePicture.has(understood.intent)) return false;
    }
    const lead = this.replies(dc.context).lead(attached === 'picture' ? 'pictureNotRead' : 'attachmentNotRead');
    await active.remind(dc.context, dc.activeDialog!.state as QuestionState, lead);
    return true;
  }

  private async interrupt(dc: DialogContext): Promise<boolean> {
    const { activity } = dc.context;
    if (activity.type !== ActivityTypes.Message || !activity.text) return false;
    const progress = await this.services.progress.get(dc.context, newProgress());
    const understood = await this.services.understand(dc.context, understandingContext(progress));
    // An unsure reading is asked about by the open question, never acted on here.
    const intent = understood.unsure ? undefined : understood.intent;

    if (intent === 'startOver') {
      const started = progress.phase !== 'choosing' || progress.clientId !== undefined || progress.misses > 0;
      await dc.cancelAllDialogs();
      await this.services.progress.set(dc.context, newProgress());
      await dc.beginDialog(DialogIds.flow, { restart: started } satisfies FlowOptions);
      return true;
    }
    // Only on the steps: that is what the link opens (before a program, after them, or waiting, there are none to send).
    if (intent === 'sendSteps' && progress.phase === 'steps') return this.sendSteps(dc);
    if (progress.phase !== 'handoff' && intent === 'human') {
      await dc.cancelAllDialogs();
      // Asked for after naming a program without its own steps: the technician is told which program.
      const reason = progress.phase === 'choosing' && progress.programNote ? 'unsupportedClient' : 'customerAsked';
      await dc.beginDialog(DialogIds.flow, { handoff: { reason, detail: progress.programNote } } satisfies FlowOptions);
      return true;
    }
    return false;
  }

  /** "Text me the steps": a link to their place where they can read them, then the open question again. */
  private async sendSteps(dc: DialogContext): Promise<boolean> {
    const sent = await this.services.stepsLink?.send(dc.context);
    const replies = this.replies(dc.context);
    // Spelled digit by digit, for the ear as for the eye.
    const lead = sent ? replies.lead('stepsLinkSent', { number: sent.sentTo.split('').join(' ') }) : replies.lead('stepsLinkUnavailable');
    const active = dc.activeDialog && this.dialogs.find(dc.activeDialog.id);
    if (active instanceof QuestionDialog) await active.remind(dc.context, dc.activeDialog!.state as QuestionState, lead);
    else await this.services.send(dc.context, { text: lead.text, spoken: lead.spoken, expectsReply: true });
    return true;
  }

  private async runPhase(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as FlowOptions;
    if (options.handoff) return step.beginDialog(DialogIds.handoff, { start: options.handoff } satisfies HandoffOptions);

    const quiet: QuietStart = { quiet: options.quiet };
    const progress = await this.services.progress.get(step.context, newProgress());
    switch (progress.phase) {
      case 'steps':
        return step.beginDialog(DialogIds.guidedSteps, quiet);
      case 'verifying':
        return step.beginDialog(DialogIds.verification, { ...quiet, early: options.verifyEarly } satisfies VerificationOptions & QuietStart);
      case 'handoff':
        return step.beginDialog(DialogIds.handoff, {} satisfies HandoffOptions);
      case 'done':
        if (!options.quiet) await this.services.send(step.context, this.replies(step.context).question('completedAlready', {}, ['startOver']));
        return step.endDialog();
      case 'returning':
        return step.beginDialog(DialogIds.returning, quiet);
      default: {
        // After "start over", or asked again after a technician, the earlier place is not offered.
        const place = options.restart || options.reask || options.quiet || options.program ? undefined : await this.services.returningCustomers?.lookup(step.context);
        const client = place && this.services.content.clients.find((c) => c.id === place.clientId);
        // A place is only offered if its program and step still exist in the content.
        if (place && client && (place.phase === 'verifying' || place.stepIndex < client.steps.length)) {
          if (place.language) await this.services.adoptLanguage?.(step.context, place.language);
          Object.assign(progress, { phase: 'returning', resume: place });
          return step.beginDialog(DialogIds.returning);
        }
        return step.beginDialog(DialogIds.clientChoice, {
          restart: options.restart,
          reask: options.reask,
          program: options.program,
          ...quiet,
        } satisfies ClientChoiceOptions & QuietStart);
      }
    }
  }

  private async afterPhase(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const outcome = step.result as FlowOutcome | undefined;
    const progress = await this.services.progress.get(step.context, newProgress());
    switch (outcome?.next) {
      case 'steps':
        return this.beginProcedure(step, progress, outcome.clientId);
      case 'verify':
        progress.phase = 'verifying';
        progress.misses = 0;
        return step.replaceDialog(DialogIds.flow, { verifyEarly: outcome.early } satisfies FlowOptions);
      case 'choose':
        Object.assign(progress, newProgress(), { programNote: progress.programNote });
        return step.replaceDialog(DialogIds.flow, { program: outcome.program } satisfies FlowOptions);
      case 'lastStep': {
        const client = this.services.content.clients.find((c) => c.id === progress.clientId)!;
        Object.assign(progress, { phase: 'steps', stepIndex: client.steps.length - 1, misses: 0 });
        return step.replaceDialog(DialogIds.flow);
      }
      case 'handoff':
        return step.replaceDialog(DialogIds.flow, {
          handoff: { reason: outcome.reason, detail: outcome.detail ?? outcome.clientName },
        } satisfies FlowOptions);
      case 'resume':
        return step.replaceDialog(DialogIds.flow);
      case 'done':
        progress.phase = 'done';
        return step.endDialog();
      default:
        return { status: DialogTurnStatus.complete };
    }
  }

  private async beginProcedure(step: WaterfallStepContext, progress: Progress, clientId: string): Promise<DialogTurnResult> {
    const client = this.services.contentFor(step.context).clients.find((c) => c.id === clientId)!;
    Object.assign(progress, newProgress(), { phase: 'steps', clientId: client.id });
    await this.services.send(step.context, this.replies(step.context).info('procedureIntro', { clientName: client.displayName, total: client.steps.length }));
    return step.replaceDialog(DialogIds.flow);
  }
}
