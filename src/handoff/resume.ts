import type { TurnContext } from 'botbuilder';
import { Dialog, DialogSet } from 'botbuilder-dialogs';
import type { ClientChoiceOptions } from '../dialogs/clientChoiceDialog';
import { newProgress } from '../dialogs/progress';
import { Replies } from '../dialogs/replies';
import { HandoffKit, sendReply } from './kit';

export interface ResumeOptions {
  /** Said first: why the customer is back with the bot. */
  lead: string;
  /** Said instead of `lead` when the customer has no steps to go back to (no program chosen yet). */
  leadBeforeSteps?: string;
  /** 0-based step to resume at ("resume at step 6"); default: the step they were on. */
  stepIndex?: number;
}

/**
 * Hands a customer back to the procedure after a technician (or a cancelled wait): the dialog stack is
 * rebuilt from Progress, the source of truth of their place, so they land exactly on their step.
 */
export class ConversationResumer {
  private dialog?: Dialog;

  constructor(private readonly kit: HandoffKit) {}

  useDialog(dialog: Dialog): void {
    this.dialog = dialog;
  }

  async resume(context: TurnContext, options: ResumeOptions): Promise<void> {
    if (!this.dialog) throw new Error('ConversationResumer needs the main dialog: call useDialog()');
    const progress = await this.kit.progress.get(context, newProgress());
    if (progress.phase === 'handoff') progress.phase = progress.handoff?.resumePhase ?? 'choosing';
    progress.handoff = undefined;
    progress.misses = 0;
    progress.silence = undefined;
    if (options.stepIndex !== undefined) {
      progress.phase = 'steps';
      progress.stepIndex = options.stepIndex;
      // The technician went through the earlier steps with them.
      progress.stepsCompleted = Math.max(progress.stepsCompleted, options.stepIndex);
    }

    const dialogs = new DialogSet(this.kit.dialogState);
    dialogs.add(this.dialog);
    const dc = await dialogs.createContext(context);
    await dc.cancelAllDialogs();

    if (progress.phase === 'choosing') {
      // No program yet: ask for it (with the program buttons) and wait for the answer.
      await sendReply(this.kit, context, new Replies(this.kit.content).askClient([options.leadBeforeSteps ?? options.lead]));
      await dc.beginDialog(this.dialog.id, { reask: true } satisfies ClientChoiceOptions);
      return;
    }
    const onProcedure = progress.phase === 'steps' || progress.phase === 'verifying';
    await sendReply(this.kit, context, { text: options.lead, expectsReply: !onProcedure });
    // On the steps (or the test email) the flow shows where they are and waits; when done, there is nothing to resume.
    if (onProcedure) await dc.beginDialog(this.dialog.id);
  }
}
