import { randomBytes } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Content } from '../content/loader';
import type { OutcomeNote } from '../dialogs/outcomeNotes';
import type { Progress } from '../dialogs/progress';
import type { Logger } from '../logging/logger';
import type { OutcomeEvent, OutcomeSink } from './events';
import { progressEvents } from './progressEvents';
import { turnLanguage } from '../customer/language';

/** The property of the customer's state document holding the conversation's outcome id. */
export const outcomeIdProperty = 'outcomeId';

const notesKey = Symbol('stepwise.outcomeNotes');

export interface TurnOutcomesOptions {
  content: Content;
  sinks: OutcomeSink[];
  now: () => Date;
  logger: Logger;
}

type StateDocument = { progress?: Progress; [property: string]: unknown };

/**
 * Turns saved changes of a customer's progress into outcome events and hands them to the sinks. The turn
 * pipeline asks for a turn's events just before it writes the state (the new conversation's outcome id is
 * written with it) and publishes them once the write succeeded, so a turn run again after a conflict, or
 * one that failed, records nothing.
 */
export class TurnOutcomes {
  constructor(private readonly options: TurnOutcomesOptions) {}

  /** For the dialogs (DialogServices.noteOutcome). */
  note(context: TurnContext, note: OutcomeNote): void {
    const notes = context.turnState.get(notesKey) as OutcomeNote[] | undefined;
    if (notes) notes.push(note);
    else context.turnState.set(notesKey, [note]);
  }

  /** A run of the turn begins: notes of an earlier run (discarded after a conflict) are dropped. */
  beginRun(context: TurnContext): void {
    context.turnState.delete(notesKey);
  }

  /**
   * The events of this turn's change from `before` to the document about to be written; gives a new
   * conversation (or one older than outcome ids) its id in `document`.
   */
  eventsOf(context: TurnContext, before: Progress | undefined, document: StateDocument): OutcomeEvent[] {
    if (!document.progress) return [];
    let conversation = document[outcomeIdProperty];
    if (typeof conversation !== 'string') conversation = document[outcomeIdProperty] = randomBytes(12).toString('base64url');
    return this.changeEvents(context, conversation as string, before, document.progress);
  }

  /** A change saved outside the customer's own turn (a technician's move, a silence offer). */
  saved(context: TurnContext, before: StateDocument, after: StateDocument): void {
    const conversation = after[outcomeIdProperty];
    if (typeof conversation !== 'string' || !after.progress) return;
    this.publish(this.changeEvents(context, conversation, before.progress, after.progress));
  }

  /** "Forget me": the conversation's state (and with it the only link to its events) is gone. */
  forgotten(context: TurnContext, document: StateDocument | undefined): void {
    const conversation = document?.[outcomeIdProperty];
    if (typeof conversation !== 'string') return;
    const progress = document?.progress;
    const stage = progress?.phase ?? 'choosing';
    this.publish([
      {
        at: this.options.now().toISOString(),
        conversation,
        channel: context.activity.channelId,
        language: turnLanguage(context),
        program: progress?.clientId,
        stage,
        step: progress?.phase === 'steps' ? progress.stepIndex + 1 : undefined,
        type: 'forgotten',
      },
    ]);
  }

  publish(events: readonly OutcomeEvent[]): void {
    if (events.length === 0) return;
    for (const sink of this.options.sinks) {
      try {
        sink.accept(events);
      } catch (error) {
        // Outcomes are never worth a customer's turn.
        this.options.logger.warn('outcome sink failed', { error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  private changeEvents(context: TurnContext, conversation: string, before: Progress | undefined, after: Progress): OutcomeEvent[] {
    return progressEvents({
      at: this.options.now().toISOString(),
      conversation,
      channel: context.activity.channelId,
      language: turnLanguage(context),
      before,
      after,
      notes: (context.turnState.get(notesKey) as OutcomeNote[] | undefined) ?? [],
      versionOf: (program) => this.options.content.clients.find((client) => client.id === program)?.versionLabel,
    });
  }
}
