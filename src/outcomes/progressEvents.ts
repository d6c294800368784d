import type { OutcomeNote } from '../dialogs/outcomeNotes';
import type { Progress } from '../dialogs/progress';
import type { Language } from '../content/languages';
import type { Entry, OutcomeEvent, Stage } from './events';

/** One saved change of a conversation's progress, with what its dialogs noted on the way. */
export interface ProgressChange {
  at: string;
  conversation: string;
  channel: string;
  language: Language;
  /** Undefined for a conversation's first turn. */
  before?: Progress;
  after: Progress;
  notes: readonly OutcomeNote[];
  /** The version a procedure is for ("2007"), from the content. */
  versionOf(program: string): string | undefined;
}

type Where = { stage: Stage; step?: number; program?: string };

function where(progress: Progress): Where {
  return { stage: progress.phase, step: progress.phase === 'steps' ? progress.stepIndex + 1 : undefined, program: progress.clientId };
}

function entryOf(change: ProgressChange): Entry {
  if (change.after.phase === 'returning') return 'returning';
  return change.notes.some((note) => note.kind === 'pastedError') ? 'pastedError' : 'greeting';
}

/** The failed test email's error: the one these steps fix, the code the customer's words named, or none recognized. */
function verificationError(change: ProgressChange, reason: string): string {
  if (reason === 'verificationFailedSame') return 'same';
  const noted = change.notes.find((note) => note.kind === 'verificationError');
  return (noted?.kind === 'verificationError' && noted.error) || 'unrecognized';
}

/**
 * The outcome events a change of progress means, in the order they happened within the turn. The progress
 * is the source of truth for the customer's place, so every event but help and questions is read from it
 * here, in one place, instead of being emitted by each dialog.
 */
export function progressEvents(change: ProgressChange): OutcomeEvent[] {
  const { before, after } = change;
  const base = (at: Where) => ({ at: change.at, conversation: change.conversation, channel: change.channel, language: change.language, ...at });
  const was = where(before ?? after);
  const program = after.clientId ?? before?.clientId;
  const events: OutcomeEvent[] = [];

  if (!before) events.push({ ...base(where(after)), type: 'started', entry: entryOf(change) });
  if (after.clientId && after.clientId !== before?.clientId) {
    events.push({ ...base(where(after)), type: 'programChosen', version: change.versionOf(after.clientId) });
  }
  for (const note of change.notes) {
    if (note.kind === 'helpAsked') events.push({ ...base(was), type: 'helpAsked', help: note.help });
    if (note.kind === 'questionAnswered') events.push({ ...base(was), type: 'questionAnswered', answer: note.answer });
  }
  if (after.misses > (before?.misses ?? 0)) events.push({ ...base(was), type: 'missed' });
  if (before?.phase === 'steps' && after.clientId === before.clientId && after.stepIndex === before.stepIndex + 1 && (after.phase === 'steps' || after.phase === 'verifying')) {
    events.push({ ...base(was), type: 'stepCompleted' });
  }
  if (after.phase === 'steps' && (before?.phase !== 'steps' || before.stepIndex !== after.stepIndex || before.clientId !== after.clientId)) {
    events.push({ ...base(where(after)), type: 'stepShown' });
  }
  if (after.paused && !before?.paused) events.push({ ...base(where(after)), type: 'paused' });
  if (after.handoff && !before?.handoff) {
    const { reason, resumePhase } = after.handoff;
    const at = { stage: resumePhase, step: resumePhase === 'steps' ? after.stepIndex + 1 : undefined, program };
    if (reason.startsWith('verificationFailed')) events.push({ ...base(at), type: 'verification', result: 'failed', error: verificationError(change, reason) });
    events.push({ ...base(at), type: 'handoff', reason });
  }
  if (after.phase === 'done' && before?.phase !== 'done') {
    if (before?.phase === 'verifying') events.push({ ...base({ stage: 'verifying', program }), type: 'verification', result: 'worked' });
    events.push({ ...base({ stage: 'done', program }), type: 'finished' });
  }
  return events;
}
