import type { Activity } from 'botbuilder';
import { baseLanguage, type Language } from '../content/languages';
import type { Content } from '../content/loader';
import { fill } from '../content/placeholders';
import type { HandoffRequest } from '../dialogs/services';

/** What a technician needs to pick up where the bot left off. */
export interface HandoffSummary {
  /** The case reference (SW-XXXXXX), when the handoff has one. */
  reference: string | null;
  client: string | null;
  clientId: string | null;
  /** "6 of 8" while on the steps; null before a program was chosen. */
  stepReached: string | null;
  step: { number: number; total: number; title: string; instruction: string } | null;
  stepsCompleted: number;
  completedSteps: string[];
  phase: string;
  reason: string;
  reasonText: string;
  /** Replies in a row on the current question that did not move the customer on. */
  attempts: number;
  detail: string | null;
  recentCustomerMessages: string[];
  /** Where the customer is: "stuck at step 6 of 8: Account name", "mail program not chosen yet". */
  where: string;
  /** One line for a queue or a ticket title. */
  headline: string;
  /** The language the customer was helped in ("es"), and its name for the technician ("Spanish"). */
  language: Language;
  languageName: string;
}

/** What the customer said (the transcript has roles filled in: see customerTranscript). */
function customerMessages(transcript: Partial<Activity>[], limit: number): string[] {
  return transcript
    .filter((activity) => activity.type === 'message' && activity.from?.role !== 'bot')
    .filter((activity) => typeof activity.text === 'string' && activity.text.trim())
    .slice(-limit)
    .map((activity) => activity.text!.slice(0, 300));
}

/**
 * In the technicians' language (`content` is the English content): the step titles are the English procedure's
 * even when the customer read them in Spanish, and `language` says which one the customer used.
 */
export function buildSummary(content: Content, request: HandoffRequest, transcript: Partial<Activity>[], language: Language = baseLanguage): HandoffSummary {
  const { progress, reason, detail } = request;
  const client = request.client && (content.clients.find((c) => c.id === request.client!.id) ?? request.client);
  const phase = progress.handoff?.resumePhase ?? progress.phase;
  const onSteps = client !== undefined && phase === 'steps';
  const total = client?.steps.length ?? 0;
  const current = onSteps ? client!.steps[Math.min(progress.stepIndex, total - 1)] : undefined;
  const words = content.messages.handoffSummary;
  const reasonText = fill(content.messages.handoffReasons[reason], { count: progress.misses, clientName: detail ?? words.unknownDetail });
  const stepReached = onSteps ? `${progress.stepIndex + 1} of ${total}` : null;

  const where = !client
    ? words.noProgram
    : onSteps
      ? fill(words.stuckAtStep, { n: progress.stepIndex + 1, total, title: current!.title })
      : phase === 'verifying'
        ? fill(words.testEmailFailing, { total })
        : fill(words.stepsDone, { count: progress.stepsCompleted, total });

  return {
    reference: request.reference ?? null,
    client: client?.displayName ?? null,
    clientId: client?.id ?? null,
    stepReached,
    step: current ? { number: progress.stepIndex + 1, total, title: current.title, instruction: current.text } : null,
    stepsCompleted: progress.stepsCompleted,
    completedSteps: client ? client.steps.slice(0, progress.stepsCompleted).map((s) => s.title) : [],
    phase,
    reason,
    reasonText,
    attempts: progress.misses,
    detail: detail ?? null,
    recentCustomerMessages: customerMessages(transcript, content.policy.summaryRecentMessages),
    where,
    headline: fill(words.headline, { clientName: client?.displayName ?? words.unknownProgram, where, reason: reasonText }),
    language,
    languageName: words.languages[language],
  };
}
