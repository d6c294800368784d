import { ActivityTypes } from 'botbuilder';
import { ComponentDialog, DialogContext, DialogTurnResult, DialogTurnStatus, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { ClientChoiceDialog, ClientChoiceOptions } from './clientChoiceDialog';
import { DialogIds } from './dialogIds';
import { GuidedStepsDialog } from './guidedStepsDialog';
import { HandoffDialog, HandoffOptions } from './handoffDialog';
import type { FlowOutcome } from './outcome';
import { newProgress, Progress } from './progress';
import { Replies } from './replies';
import { ReturningDialog } from './returningDialog';
import type { DialogServices } from './services';
import { VerificationDialog } from './verificationDialog';

/** How the flow is (re)started: options for the program question, or a handoff beginning now. */
type FlowOptions = ClientChoiceOptions & { handoff?: HandoffOptions['start'] };

/**
 * The root of the conversation. Its flow reads the customer's progress and runs the dialog for that
 * phase, handoffs included, so whatever a phase dialog ends with comes back to the flow. "Start over"
 * and asking for a person work from anywhere, so they are checked first, on every turn.
 */
export class MainDialog extends ComponentDialog {
  private readonly replies: Replies;

  constructor(private readonly services: DialogServices) {
    super(DialogIds.main);
    this.replies = new Replies(services.content);
    this.addDialog(new ClientChoiceDialog(services));
    this.addDialog(new GuidedStepsDialog(services));
    this.addDialog(new VerificationDialog(services));
    this.addDialog(new HandoffDialog(services));
    this.addDialog(new ReturningDialog(services));
    this.addDialog(new WaterfallDialog(DialogIds.flow, [this.runPhase.bind(this), this.afterPhase.bind(this)]));
    this.initialDialogId = DialogIds.flow;
  }

  protected async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onBeginDialog(innerDc, options);
  }

  protected async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { activity } = innerDc.context;
    if (activity.type !== ActivityTypes.Message || !activity.text) return undefined;
    const progress = await this.services.progress.get(innerDc.context, newProgress());

    if (this.services.intents.matches('startOver', activity.text)) {
      const started = progress.phase !== 'choosing' || progress.clientId !== undefined || progress.misses > 0;
      await innerDc.cancelAllDialogs();
      await this.services.progress.set(innerDc.context, newProgress());
      return innerDc.beginDialog(DialogIds.flow, { restart: started } satisfies FlowOptions);
    }
    if (progress.phase !== 'handoff' && this.services.intents.matches('human', activity.text)) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(DialogIds.flow, { handoff: { reason: 'customerAsked' } } satisfies FlowOptions);
    }
    return undefined;
  }

  private async runPhase(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as FlowOptions;
    if (options.handoff) return step.beginDialog(DialogIds.handoff, { start: options.handoff } satisfies HandoffOptions);

    const progress = await this.services.progress.get(step.context, newProgress());
    switch (progress.phase) {
      case 'steps':
        return step.beginDialog(DialogIds.guidedSteps);
      case 'verifying':
        return step.beginDialog(DialogIds.verification);
      case 'handoff':
        return step.beginDialog(DialogIds.handoff, {} satisfies HandoffOptions);
      case 'done':
        await this.services.send(step.context, this.replies.question('completedAlready', {}, ['startOver']));
        return step.endDialog();
      case 'returning':
        return step.beginDialog(DialogIds.returning);
      default: {
        // After "start over", or asked again after a technician, the earlier place is not offered.
        const place = options.restart || options.reask ? undefined : await this.services.returningCustomers?.lookup(step.context);
        const client = place && this.services.content.clients.find((c) => c.id === place.clientId);
        // A place is only offered if its program and step still exist in the content.
        if (place && client && (place.phase === 'verifying' || place.stepIndex < client.steps.length)) {
          Object.assign(progress, { phase: 'returning', resume: place });
          return step.beginDialog(DialogIds.returning);
        }
        return step.beginDialog(DialogIds.clientChoice, { restart: options.restart, reask: options.reask } satisfies ClientChoiceOptions);
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
        return step.replaceDialog(DialogIds.flow);
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
    const client = this.services.content.clients.find((c) => c.id === clientId)!;
    Object.assign(progress, newProgress(), { phase: 'steps', clientId: client.id });
    await this.services.send(step.context, this.replies.info('procedureIntro', { clientName: client.displayName, total: client.steps.length }));
    return step.replaceDialog(DialogIds.flow);
  }
}
