import { Activity, ActivityTypes, TurnContext } from 'botbuilder';

/** Card buttons (Action.Submit) send a value instead of text; these are the fields we read as text. */
const valueTextFields = ['text', 'choice', 'value', 'command'] as const;

/** The text a card submit's value carries, if any (exported for the transcript, which keeps only that). */
export function textFromValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    for (const field of valueTextFields) {
      const candidate = (value as Record<string, unknown>)[field];
      if (typeof candidate === 'string' && candidate.trim()) return candidate;
    }
  }
  return undefined;
}

/**
 * Prepares a customer's message for understanding, whatever the channel sent:
 * the @mention of the bot removed, a card submit value read as text, and over-long text cut
 * to what the bot reads (the rest is ignored, never echoed).
 */
export function normalizeInbound(context: TurnContext, maxCharacters: number): void {
  normalizeMessage(context.activity, maxCharacters);
}

/** The same preparation for any message activity (also a copy from the transcript). */
export function normalizeMessage(activity: Activity, maxCharacters: number): void {
  if (activity.type !== ActivityTypes.Message) return;
  if (activity.entities?.some((entity) => entity.type === 'mention')) TurnContext.removeRecipientMention(activity);
  let text = typeof activity.text === 'string' ? activity.text : '';
  if (!text.trim()) text = textFromValue(activity.value) ?? '';
  activity.text = text.trim().slice(0, maxCharacters);
}
