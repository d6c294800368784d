import type { TurnContext } from 'botbuilder';
import { Dialog, DialogContext, DialogTurnResult } from './sdk';
import type { FlowOutcome } from './outcome';
import type { Lead } from './replies';

/** Given when the stack is rebuilt at the customer's place (src/dialogs/conversation.ts): wait for their reply, do not ask again. */
export interface QuietStart {
  quiet?: boolean;
}

/** What a phase dialog keeps between turns, beside Progress (which holds the customer's place). */
export type QuestionState = Record<string, unknown>;

/**
 * A phase of the conversation: it asks, then interprets each reply until it ends with an outcome for
 * the flow (undefined means: wait for the next reply). A plain Dialog rather than a ComponentDialog
 * around a waterfall: a customer's turn on a step then builds one DialogContext instead of five, and
 * building one is a large part of what the dialogs cost per turn (see docs/benchmark.md).
 */
export abstract class QuestionDialog<Options extends object = object> extends Dialog<Options> {
  async beginDialog(dc: DialogContext, options?: Options): Promise<DialogTurnResult> {
    if ((options as QuietStart | undefined)?.quiet) return Dialog.EndOfTurn;
    return this.settle(dc, await this.ask(dc.context, options ?? ({} as Options), dc.activeDialog!.state as QuestionState));
  }

  async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    return this.settle(dc, await this.answer(dc.context, dc.activeDialog!.state as QuestionState));
  }

  /**
   * Says `lead` (an answer, a warning) and then the open question again with its buttons, without
   * moving: the customer is still where they were.
   */
  abstract remind(context: TurnContext, state: QuestionState, lead?: Lead): Promise<void>;

  /** The first turn: ask (or, when the opening already answers it, end at once). */
  protected abstract ask(context: TurnContext, options: Options, state: QuestionState): Promise<FlowOutcome | undefined>;

  /** Each reply: say what it calls for, and end with an outcome or wait. */
  protected abstract answer(context: TurnContext, state: QuestionState): Promise<FlowOutcome | undefined>;

  private settle(dc: DialogContext, outcome: FlowOutcome | undefined): Promise<DialogTurnResult> {
    return outcome ? dc.endDialog(outcome) : Promise.resolve(Dialog.EndOfTurn);
  }
}
