import type { Language } from '../content/languages';
import type { HandoffReason } from '../content/schema';

export type Phase = 'choosing' | 'returning' | 'steps' | 'verifying' | 'handoff' | 'done';

/** Where a customer was in an earlier conversation: what "continue" takes a returning customer back to. */
export interface SavedPlace {
  clientId: string;
  phase: 'steps' | 'verifying';
  stepIndex: number;
  stepsCompleted: number;
  /** When the customer last moved (ISO time); places older than the configured days are not offered. */
  savedAt: string;
  /** The language the customer was helped in there: they are welcomed back in it. */
  language?: Language;
}

/**
 * Where a customer is in the procedure. This, not the dialog stack, is the source of truth:
 * every dialog resumes from it, so a restart, a handoff or a "start over" never loses the place.
 */
export interface Progress {
  phase: Phase;
  clientId?: string;
  /** 0-based index of the step the customer is on. */
  stepIndex: number;
  /** Steps the customer has said done to (the highest reached). */
  stepsCompleted: number;
  /** Replies in a row on the current question that neither advanced nor were a command. */
  misses: number;
  handoff?: {
    reason: HandoffReason;
    /** Where "continue" takes the customer back to. */
    resumePhase: Exclude<Phase, 'handoff'>;
    startedAt: string;
  };
  /**
   * The silence check-in on this step (src/handoff/silence.ts): due, or just offered a technician.
   * `timer`: the queued timer this customer relies on (src/timers), as scheduled; while its due time is in
   * the future it is still to come, and a turn whose new due time is no earlier need not schedule another.
   */
  silence?: { stage: 'checkIn' | 'offer' | 'offered'; dueAt?: string; timer?: { id: string; dueAt: string } };
  /** The customer said they would be back (brb, hold on): the silence check-in waits longer. */
  paused?: boolean;
  /** A program the customer named that has no procedure of its own (for the technician's summary). */
  programNote?: string;
  /** While `phase` is 'returning': the place offered from an earlier conversation. */
  resume?: SavedPlace;
}

export function newProgress(): Progress {
  return { phase: 'choosing', stepIndex: 0, stepsCompleted: 0, misses: 0 };
}
