import type { Lexicon } from '../content/schema';
import type { IntentRecognizer } from './intents';
import { containsPhrase, normalizeText } from './normalize';

/**
 * What a customer who is waiting for a technician means, beyond an ordinary message:
 * - `worked`: they fixed it on their own ("I figured it out", "it's working now"): the request is cancelled and they are done;
 * - `cancel`: they no longer want a technician ("cancel", "forget it", "never mind");
 * - `resume`: they go back to the steps on their own ("continue").
 * The names are those of the classifier intents that will later answer the same question.
 */
export type WaitingMeaning = 'worked' | 'cancel' | 'resume';

/** "cancel", "forget it", "never mind", "end chat": anywhere in the message (lexicon `handoffCancel`). */
export function saysCancel(lexicon: Lexicon, text: string): boolean {
  const normalized = normalizeText(text);
  return lexicon.handoffCancel.some((phrase) => containsPhrase(normalized, normalizeText(phrase)));
}

/**
 * A `handoffCancel` phrase as the whole message (filler words such as "ok" or "please" aside): how a customer
 * connected to a technician ends the chat. Anything longer ("how do I cancel this box?") is for the technician.
 */
export function endsChat(lexicon: Lexicon, text: string): boolean {
  const fillers = new Set(lexicon.fillerWords.map(normalizeText));
  const words = normalizeText(text).split(' ').filter(Boolean);
  const core = words.filter((word) => !fillers.has(word)).join(' ');
  const whole = words.join(' ');
  return !!whole && lexicon.handoffCancel.some((phrase) => [whole, core].includes(normalizeText(phrase)));
}

export function waitingMeaning(intents: IntentRecognizer, lexicon: Lexicon, text: string): WaitingMeaning | undefined {
  // "I fixed it but I still get the 550 error" is not fixed.
  if (intents.matches('fixedIt', text) && !intents.matches('failed', text) && !intents.matches('frustration', text)) return 'worked';
  if (saysCancel(lexicon, text)) return 'cancel';
  if (intents.matches('cancelHandoff', text)) return 'resume';
  return undefined;
}
