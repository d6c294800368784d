import type { AnswerName } from '../dialogs/answers';
import type { HandoffReason } from '../content/schema';
import type { Language } from '../content/languages';

/** How a conversation began: the greeting, an error message pasted as the first words, or a returning customer's place offered. */
export type Entry = 'greeting' | 'pastedError' | 'returning';

/** Where in the conversation something happened: a step (1-based) of the chosen program, or the phase around the steps. */
export type Stage = 'choosing' | 'returning' | 'steps' | 'verifying' | 'handoff' | 'done';

/** What every event carries: no message text, no ids of the channel or the customer. */
interface EventBase {
  /** ISO time. */
  at: string;
  /** A random id made for the conversation's outcomes (kept in its state), not the channel's conversation id. */
  conversation: string;
  channel: string;
  /** The language the customer was answered in at the time (events recorded before languages have none: English). */
  language?: Language;
  /** The procedure (client file id) once one is chosen. */
  program?: string;
  stage: Stage;
  /** 1-based, while on the steps. */
  step?: number;
}

export type OutcomeEvent = EventBase &
  (
    | { type: 'started'; entry: Entry }
    | { type: 'programChosen'; version?: string }
    | { type: 'stepShown' }
    | { type: 'stepCompleted' }
    | { type: 'helpAsked'; help: 'hint' | 'cant' }
    | { type: 'questionAnswered'; answer: AnswerName }
    | { type: 'missed' }
    | { type: 'paused' }
    | { type: 'handoff'; reason: HandoffReason }
    /** `error`: 'same' (the error these steps fix), a recognized error code, or 'unrecognized'. */
    | { type: 'verification'; result: 'worked' | 'failed'; error?: string }
    | { type: 'finished' }
    | { type: 'forgotten' }
  );

export type OutcomeEventType = OutcomeEvent['type'];

/** Where events go once their turn is saved: the store (OutcomeLog) and, later, exporters such as OpenTelemetry. */
export interface OutcomeSink {
  accept(events: readonly OutcomeEvent[]): void;
}
