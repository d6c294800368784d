import { turnLanguage } from '../customer/language';
import { type Activity, ActivityTypes, type TurnContext } from 'botbuilder';
import { normalizeMessage } from '../customer/inbound';
import { linesAsActivities, partiesOf, storedLines } from '../customer/transcript';
import type { HandoffRequest } from '../dialogs/services';
import type { HandoffKit } from './kit';
import { redactSummary, redactTranscript } from './redactPacket';
import { buildSummary, HandoffSummary } from './summary';

/** One line of the conversation as a technician or a ticket system reads it. */
export interface TranscriptLine {
  from: 'customer' | 'bot';
  text: string;
  timestamp?: string;
}

/** What every destination gets: the summary and the conversation so far, both redacted. */
export interface HandoffPacket {
  summary: HandoffSummary;
  transcript: Partial<Activity>[];
}

const maxLineCharacters = 500;

/**
 * The customer's conversation so far, from their state (loaded for their turn, read for one the bot started),
 * with the message of this turn, which is stored only when the turn is committed.
 */
export async function transcriptOf(kit: HandoffKit, context: TurnContext): Promise<Partial<Activity>[]> {
  const history = linesAsActivities(storedLines(await kit.state.load(context)), partiesOf(context.activity));
  if (context.activity.type !== ActivityTypes.Message) return redactTranscript(kit.redactor, history);
  const current = { ...context.activity, from: { ...context.activity.from, role: 'user' } } as Activity;
  normalizeMessage(current, kit.content.policy.maxInputCharacters);
  return redactTranscript(kit.redactor, [...history, current]);
}

export async function buildPacket(kit: HandoffKit, context: TurnContext, request: HandoffRequest): Promise<HandoffPacket> {
  const transcript = await transcriptOf(kit, context);
  return { summary: redactSummary(kit.redactor, buildSummary(kit.content, request, transcript, turnLanguage(context))), transcript };
}

export function transcriptLines(transcript: Partial<Activity>[], limit?: number): TranscriptLine[] {
  const lines = transcript
    .filter((a) => a.type === 'message' && typeof a.text === 'string' && a.text.trim())
    .map((a) => ({
      from: a.from?.role === 'bot' || a.recipient?.role === 'user' ? ('bot' as const) : ('customer' as const),
      text: a.text!.slice(0, maxLineCharacters),
      timestamp: a.timestamp ? new Date(a.timestamp).toISOString() : undefined,
    }));
  return limit ? lines.slice(-limit) : lines;
}
