import type { AnswerName } from './answers';

/**
 * What a dialog did in a turn that the customer's progress does not show: the step's help given, a question
 * answered (by its answer's name, never the customer's words), the error a failed test email reported.
 * Everything else the outcome events say is read from the progress before and after the turn.
 */
export type OutcomeNote =
  /** The conversation's first message was an error (pasted bounce, "I can't send email"). */
  | { kind: 'pastedError' }
  | { kind: 'helpAsked'; help: 'hint' | 'cant' }
  | { kind: 'questionAnswered'; answer: AnswerName }
  /** `error`: the recognized error code (content entity id), or absent when the customer's words named none. */
  | { kind: 'verificationError'; error?: string };
