import { ActivityTypes } from 'botbuilder';
import { ComponentDialog, DialogContext, DialogTurnResult, DialogTurnStatus, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { ClientChoiceDialog, ClientChoiceOptions } from './clientChoiceDialog';
import { DialogIds } from './dialogIds';
import { GuidedStepsDialog } from './guidedStepsDialog';
import { HandoffDialog, HandoffOptions } from './handoffDialog';
import type { FlowOutcome } from './outcome';
import { newProgress } from './progress';
import { Replies } from './replies';
import { ReturningDialog } from './returningDialog';
import type { DialogServices } from './services';
import { VerificationDialog } from './verificationDialog';

/**
 * The root of the conversation. Its flow reads the customer's progress and runs the dialog for that
 * phase; "start over" and asking for a person work from anywhere, so they are handled here first.
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

  protected async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const interruption = await this.interrupt(innerDc);
    return interruption ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { activity } = innerDc.context;
    if (activity.type !== ActivityTypes.Message || !activity.text) return undefined;
    const progress = await this.services.progress.get(innerDc.context, newProgress());

    if (this.services.intents.matches('startOver', activity.text)) {
      await innerDc.cancelAllDialogs();
      await this.services.progress.set(innerDc.context, newProgress());
      return innerDc.beginDialog(DialogIds.flow, { restart: true } satisfies ClientChoiceOptions);
    }
    if (progress.phase !== 'handoff' && this.services.intents.matches('human', activity.text)) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(DialogIds.handoff, { start: { reason: 'customerAsked' } } satisfies HandoffOptions);
    }
    return undefined;
  }

  private async runPhase(step: WaterfallStepContext): Promise<DialogTurnResult> {
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
        const options = step.options as ClientChoiceOptions | undefined;
        const place = options?.restart ? undefined : await this.services.returningCustomers?.lookup(step.context);
        const client = place && this.services.content.clients.find((c) => c.id === place.clientId);
        // A place is only offered if its program and step still exist in the content.
        if (place && client && (place.phase === 'verifying' || place.stepIndex < client.steps.length)) {
          Object.assign(progress, { phase: 'returning', resume: place });
          return step.beginDialog(DialogIds.returning);
        }
        return step.beginDialog(DialogIds.clientChoice, options);
      }
    }
  }

  private async afterPhase(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const outcome = step.result as FlowOutcome | undefined;
    const progress = (await this.services.progress.get(step.context, newProgress()))!;
    switch (outcome?.next) {
      case 'steps': {
        const client = this.services.content.clients.find((c) => c.id === outcome.clientId)!;
        Object.assign(progress, newProgress(), { phase: 'steps', clientId: client.id });
        await this.services.send(
          step.context,
          this.replies.info('procedureIntro', { clientName: client.displayName, total: client.steps.length }),
        );
        return step.replaceDialog(DialogIds.flow);
      }
      case 'verify':
        progress.phase = 'verifying';
        progress.misses = 0;
        return step.replaceDialog(DialogIds.flow);
      case 'handoff':
        return step.replaceDialog(DialogIds.handoff, {
          start: { reason: outcome.reason, detail: outcome.detail ?? outcome.clientName },
        } satisfies HandoffOptions);
      case 'resume':
        return step.replaceDialog(DialogIds.flow);
      case 'done':
        progress.phase = 'done';
        return step.endDialog();
      default:
        return { status: DialogTurnStatus.complete };
    }
  }
}
