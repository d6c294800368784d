import type { Activity, TurnContext } from 'botbuilder';
import { customerTranscript } from '../bot/customerTranscript';
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

/** The transcript of this turn's conversation, with this turn's message (recorded only at the end of the turn). */
export async function transcriptOf(kit: HandoffKit, context: TurnContext): Promise<Partial<Activity>[]> {
  const { channelId, conversation } = context.activity;
  const history: Partial<Activity>[] = kit.transcripts.recent(channelId, conversation.id);
  const current = context.activity;
  const withCurrent = current.type === 'message' && !history.some((a) => a.id && a.id === current.id) ? [...history, current] : history;
  return redactTranscript(kit.redactor, customerTranscript(withCurrent, current, kit.content.policy.maxInputCharacters));
}

export async function buildPacket(kit: HandoffKit, context: TurnContext, request: HandoffRequest): Promise<HandoffPacket> {
  const transcript = await transcriptOf(kit, context);
  return { summary: redactSummary(kit.redactor, buildSummary(kit.content, request, transcript)), transcript };
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
