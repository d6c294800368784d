import type { TurnContext } from 'botbuilder';
import type { FlowOptions } from '../dialogs/conversation';
import { newProgress } from '../dialogs/progress';
import { Replies } from '../dialogs/replies';
import { customerContent, HandoffKit, sendReply } from './kit';

export interface ResumeOptions {
  /** Said first: why the customer is back with the bot. */
  lead: string;
  /** Said instead of `lead` when the customer has no steps to go back to (no program chosen yet). */
  leadBeforeSteps?: string;
  /** 0-based step to resume at ("resume at step 6"); default: the step they were on. */
  stepIndex?: number;
}

/** The conversation, begun again from the customer's progress (src/dialogs/conversation.ts). */
export interface RestartableConversation {
  restart(context: TurnContext, options?: FlowOptions): Promise<void>;
  /** Ends whatever dialog was running: the next message begins the flow from progress. */
  stop(context: TurnContext): Promise<void>;
}

/**
 * Hands a customer back to the procedure after a technician (or a cancelled wait): the dialog stack is
 * rebuilt from Progress, the source of truth of their place, so they land exactly on their step.
 */
export class ConversationResumer {
  private conversation?: RestartableConversation;

  constructor(private readonly kit: HandoffKit) {}

  useConversation(conversation: RestartableConversation): void {
    this.conversation = conversation;
  }

  async resume(context: TurnContext, options: ResumeOptions): Promise<void> {
    const conversation = this.restartable();
    const progress = await this.leaveHandoff(context);
    if (options.stepIndex !== undefined) {
      progress.phase = 'steps';
      progress.stepIndex = options.stepIndex;
      // The technician went through the earlier steps with them.
      progress.stepsCompleted = Math.max(progress.stepsCompleted, options.stepIndex);
    }

    if (progress.phase === 'choosing') {
      // No program yet: ask for it (with the program buttons) and wait for the answer.
      await sendReply(this.kit, context, Replies.of(customerContent(this.kit, context)).askClient([{ text: options.leadBeforeSteps ?? options.lead }]));
      await conversation.restart(context, { reask: true });
      return;
    }
    const onProcedure = progress.phase === 'steps' || progress.phase === 'verifying';
    await sendReply(this.kit, context, { text: options.lead, expectsReply: !onProcedure });
    // On the steps (or the test email) the flow shows where they are and waits; when done, there is nothing to resume.
    if (onProcedure) await conversation.restart(context);
    else await conversation.stop(context);
  }

  /**
   * Back at their place without a word, and this turn's message is answered there by the conversation: a handoff
   * that ended while they were away (after hours, and the technicians are in now).
   */
  async resumeQuietly(context: TurnContext): Promise<void> {
    const conversation = this.restartable();
    const progress = await this.leaveHandoff(context);
    if (progress.phase === 'choosing' || progress.phase === 'steps' || progress.phase === 'verifying') await conversation.restart(context, { quiet: true });
    else await conversation.stop(context);
  }

  private async leaveHandoff(context: TurnContext) {
    const progress = await this.kit.progress.get(context, newProgress());
    if (progress.phase === 'handoff') progress.phase = progress.handoff?.resumePhase ?? 'choosing';
    progress.handoff = undefined;
    progress.misses = 0;
    progress.silence = undefined;
    return progress;
  }

  /**
   * The customer fixed it on their own: told `lead` (well done, come back any time), and their procedure is over,
   * as after a test email that worked. Their next message is answered from there (start over, or a technician).
   */
  async finish(context: TurnContext, lead: string): Promise<void> {
    const conversation = this.restartable();
    const progress = await this.kit.progress.get(context, newProgress());
    progress.phase = 'done';
    progress.handoff = undefined;
    progress.misses = 0;
    progress.silence = undefined;
    await sendReply(this.kit, context, { text: lead, expectsReply: false });
    await conversation.stop(context);
  }

  private restartable(): RestartableConversation {
    if (!this.conversation) throw new Error('ConversationResumer needs the conversation: call useConversation()');
    return this.conversation;
  }
}
