import { ComponentDialog, Dialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ClientContent } from '../content/schema';
import { DialogIds } from './dialogIds';
import type { FlowOutcome } from './outcome';
import type { Progress } from './progress';
import { Replies } from './replies';
import type { DialogServices } from './services';

interface StepLoopOptions {
  /** The customer already has what they need on screen (a hint, a reminder): just wait. */
  quiet?: boolean;
  lead?: string;
}

const stepLoop = 'guidedSteps.loop';
const stepCommands = ['frustration', 'help', 'repeat', 'back', 'wait', 'done'] as const;

/** One instruction per turn, "Step n of m", and nothing moves on until the customer says done. */
export class GuidedStepsDialog extends ComponentDialog {
  private readonly replies: Replies;

  constructor(private readonly services: DialogServices) {
    super(DialogIds.guidedSteps);
    this.replies = new Replies(services.content);
    this.addDialog(new WaterfallDialog(stepLoop, [this.showStep.bind(this), this.interpretReply.bind(this)]));
    this.initialDialogId = stepLoop;
  }

  private async current(step: WaterfallStepContext): Promise<{ progress: Progress; client: ClientContent }> {
    const progress = (await this.services.progress.get(step.context))!;
    const client = this.services.content.clients.find((c) => c.id === progress.clientId);
    if (!client) throw new Error(`Progress names an unknown mail client: ${progress.clientId}`);
    return { progress, client };
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as StepLoopOptions;
    if (!options.quiet) {
      const { progress, client } = await this.current(step);
      await this.services.send(step.context, this.replies.step(client, progress.stepIndex, options.lead));
    }
    return Dialog.EndOfTurn;
  }

  private async interpretReply(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { progress, client } = await this.current(step);
    const text = step.context.activity.text ?? '';
    if (!text.trim()) {
      await this.services.send(step.context, this.replies.stepReminder('notText', progress.stepIndex));
      return step.replaceDialog(stepLoop, { quiet: true });
    }

    switch (this.services.intents.first(text, stepCommands)) {
      case 'frustration':
        return step.endDialog({ next: 'handoff', reason: 'frustration' } satisfies FlowOutcome);
      case 'done':
        progress.misses = 0;
        progress.stepIndex += 1;
        progress.stepsCompleted = Math.max(progress.stepsCompleted, progress.stepIndex);
        if (progress.stepIndex >= client.steps.length) return step.endDialog({ next: 'verify' } satisfies FlowOutcome);
        return step.replaceDialog(stepLoop);
      case 'back':
        progress.misses = 0;
        if (progress.stepIndex === 0) return step.replaceDialog(stepLoop, { lead: this.replies.text('alreadyAtFirstStep') });
        progress.stepIndex -= 1;
        return step.replaceDialog(stepLoop);
      case 'repeat':
        progress.misses = 0;
        return step.replaceDialog(stepLoop);
      case 'help':
        progress.misses = 0;
        await this.services.send(step.context, this.replies.hint(client, progress.stepIndex));
        return step.replaceDialog(stepLoop, { quiet: true });
      case 'wait':
        progress.misses = 0;
        await this.services.send(step.context, this.replies.stepReminder('wait', progress.stepIndex));
        return step.replaceDialog(stepLoop, { quiet: true });
      default:
        progress.misses += 1;
        if (progress.misses >= this.services.content.policy.missesBeforeHandoff) {
          return step.endDialog({ next: 'handoff', reason: 'repeatedMisses' } satisfies FlowOutcome);
        }
        await this.services.send(step.context, this.replies.stepReminder('reprompt', progress.stepIndex));
        return step.replaceDialog(stepLoop, { quiet: true });
    }
  }
}
