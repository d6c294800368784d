import type { TurnContext } from 'botbuilder';
import type { Content } from '../content/loader';
import { fill } from '../content/placeholders';
import type { HandoffMessageName, HandoffReason } from '../content/schema';
import { waitingMeaning } from '../understanding/waitingMeaning';
import { DialogIds } from './dialogIds';
import type { FlowOutcome } from './outcome';
import type { Progress } from './progress';
import { QuestionDialog, QuestionState } from './questionDialog';
import { Lead, Replies } from './replies';
import type { DialogServices } from './services';

export interface HandoffOptions {
  /** Set when the handoff begins now; absent while the customer is already waiting. */
  start?: { reason: HandoffReason; detail?: string };
}

/**
 * True when the customer has a program and has done at least one of its steps: only then does the
 * technician see a step they reached (before that there is only what they said).
 */
export function reachedAStep(progress: Progress): boolean {
  if (progress.clientId === undefined) return false;
  const phase = progress.phase === 'handoff' ? progress.handoff?.resumePhase : progress.phase;
  return progress.stepsCompleted > 0 || phase === 'verifying' || phase === 'done';
}

/** The first words of the handoff: what the technician will see (a step only when one was reached), written and spoken. */
export function handoffStartTexts(content: Content, progress: Progress): { text: string; spoken: string } {
  const { messages } = content;
  return reachedAStep(progress)
    ? { text: messages.handoffStarted, spoken: messages.handoffStartedSpoken }
    : { text: messages.handoff.startedBeforeSteps, spoken: messages.handoff.startedBeforeStepsSpoken };
}

/**
 * Brings in a technician and then waits: the bot pushes no steps while a person has the conversation.
 * While a case is open the handoff's interceptor answers the customer (src/handoff/interceptor.ts); this
 * dialog answers only when the gateway keeps no cases (an injected one): "continue" goes back to where they
 * were, "cancel" cancels, "it's working now" ends the procedure; "start over" is handled by the conversation.
 */
export class HandoffDialog extends QuestionDialog<HandoffOptions> {

  constructor(private readonly services: DialogServices) {
    super(DialogIds.handoff);
  }

  private replies(context: TurnContext): Replies {
    return Replies.of(this.services.contentFor(context));
  }

  private handoffText(context: TurnContext, name: HandoffMessageName): string {
    return fill(this.services.contentFor(context).messages.handoff[name], {});
  }

  protected async ask(context: TurnContext, { start }: HandoffOptions): Promise<undefined> {
    if (!start) return undefined;

    const progress = (await this.services.progress.get(context))!;
    if (progress.phase !== 'handoff') {
      progress.handoff = { reason: start.reason, resumePhase: progress.phase, startedAt: new Date().toISOString() };
      progress.phase = 'handoff';
    }
    const client = this.services.contentFor(context).clients.find((c) => c.id === progress.clientId);
    const notice = await this.services.handoff.initiate(context, { reason: start.reason, progress, client, detail: start.detail });
    const opening = handoffStartTexts(this.services.contentFor(context), progress);
    await this.services.send(
      context,
      notice ?? {
        text: `${opening.text} ${this.replies(context).text('handoffAlternatives')}`,
        spoken: opening.spoken,
        expectsReply: false,
      },
    );
    return undefined;
  }

  protected async answer(context: TurnContext, state: QuestionState): Promise<FlowOutcome | undefined> {
    const text = context.activity.text ?? '';
    const { content } = this.services;
    const meaning = waitingMeaning(this.services.intents, content.lexicon, text);
    if (meaning) {
      const progress = (await this.services.progress.get(context))!;
      progress.misses = 0;
      if (meaning === 'worked') {
        progress.handoff = undefined;
        await this.services.send(context, { text: this.handoffText(context, 'fixedCancelled'), expectsReply: false });
        return { next: 'done' };
      }
      progress.phase = progress.handoff?.resumePhase ?? 'choosing';
      progress.handoff = undefined;
      const lead = meaning === 'cancel' ? { text: this.handoffText(context, 'cancelled'), expectsReply: false } : this.replies(context).info('handoffCancelled');
      await this.services.send(context, lead);
      return { next: 'resume' };
    }
    // The whole message once; after that the short one, with the same ways out.
    const explained = state.explained === true;
    state.explained = true;
    await this.services.send(
      context,
      explained
        ? { text: this.handoffText(context, 'stillWaiting'), expectsReply: true, choices: [this.replies(context).button('continue'), this.replies(context).button('startOver')] }
        : this.replies(context).question('handoffWaiting', {}, ['continue', 'startOver']),
    );
    return undefined;
  }

  async remind(context: TurnContext, _state: QuestionState, lead?: Lead): Promise<void> {
    await this.services.send(context, this.replies(context).withLead(lead, this.replies(context).question('handoffWaiting', {}, ['continue', 'startOver'])));
  }
}
