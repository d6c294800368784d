import type { TurnContext } from 'botbuilder';
import type { ClientContent } from '../content/schema';
import { DialogIds } from './dialogIds';
import type { FlowOutcome } from './outcome';
import type { Progress } from './progress';
import { QuestionDialog } from './questionDialog';
import { Replies } from './replies';
import type { DialogServices } from './services';

const stepCommands = ['frustration', 'help', 'repeat', 'back', 'wait', 'done'] as const;

/** One instruction per turn, "Step n of m", and nothing moves on until the customer says done. */
export class GuidedStepsDialog extends QuestionDialog {
  private readonly replies: Replies;

  constructor(private readonly services: DialogServices) {
    super(DialogIds.guidedSteps);
    this.replies = new Replies(services.content);
  }

  private async current(context: TurnContext): Promise<{ progress: Progress; client: ClientContent }> {
    const progress = (await this.services.progress.get(context))!;
    const client = this.services.content.clients.find((c) => c.id === progress.clientId);
    if (!client) throw new Error(`Progress names an unknown mail client: ${progress.clientId}`);
    return { progress, client };
  }

  private async showStep(context: TurnContext, lead?: string): Promise<undefined> {
    const { progress, client } = await this.current(context);
    await this.services.send(context, this.replies.step(client, progress.stepIndex, lead));
    return undefined;
  }

  protected ask(context: TurnContext): Promise<FlowOutcome | undefined> {
    return this.showStep(context);
  }

  protected async answer(context: TurnContext): Promise<FlowOutcome | undefined> {
    const { progress, client } = await this.current(context);
    const text = context.activity.text ?? '';
    if (!text.trim()) {
      await this.services.send(context, this.replies.stepReminder('notText', progress.stepIndex));
      return undefined;
    }

    switch (this.services.intents.first(text, stepCommands)) {
      case 'frustration':
        return { next: 'handoff', reason: 'frustration' };
      case 'done':
        progress.misses = 0;
        progress.stepIndex += 1;
        progress.stepsCompleted = Math.max(progress.stepsCompleted, progress.stepIndex);
        if (progress.stepIndex >= client.steps.length) return { next: 'verify' };
        return this.showStep(context);
      case 'back':
        progress.misses = 0;
        if (progress.stepIndex === 0) return this.showStep(context, this.replies.text('alreadyAtFirstStep'));
        progress.stepIndex -= 1;
        return this.showStep(context);
      case 'repeat':
        progress.misses = 0;
        return this.showStep(context);
      case 'help':
        progress.misses = 0;
        await this.services.send(context, this.replies.hint(client, progress.stepIndex));
        return undefined;
      case 'wait':
        progress.misses = 0;
        await this.services.send(context, this.replies.stepReminder('wait', progress.stepIndex));
        return undefined;
      default:
        progress.misses += 1;
        if (progress.misses >= this.services.content.policy.missesBeforeHandoff) return { next: 'handoff', reason: 'repeatedMisses' };
        await this.services.send(context, this.replies.stepReminder('reprompt', progress.stepIndex));
        return undefined;
    }
  }
}
