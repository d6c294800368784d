import type { Lexicon } from '../content/schema';
import { referencePattern } from '../handoff/cases';
import { normalizeText } from '../understanding/normalize';

export type DeskCommand =
  | { kind: 'queue' }
  | { kind: 'takeNext' }
  | { kind: 'take'; reference: string }
  | { kind: 'end' }
  | { kind: 'resume'; step: number }
  | { kind: 'help' }
  /** Not a command: while connected, it goes to the customer. */
  | { kind: 'say'; text: string };

function startsWithPhrase(text: string, phrase: string): string | undefined {
  if (text === phrase) return '';
  return text.startsWith(`${phrase} `) ? text.slice(phrase.length + 1) : undefined;
}

/**
 * Reads what a technician typed at the desk. A command is the whole message ("queue", "take next",
 * "end", "take SW-7K2Q9A", "resume at step 6"); anything else is a message for the customer.
 */
export function parseDeskCommand(rawText: string, phrases: Lexicon['desk'], ordinals: Lexicon['ordinals'] = []): DeskCommand {
  const text = normalizeText(rawText);
  const is = (list: string[]) => list.some((phrase) => normalizeText(phrase) === text);
  if (!text) return { kind: 'say', text: rawText };
  if (is(phrases.help)) return { kind: 'help' };
  if (is(phrases.queue)) return { kind: 'queue' };
  if (is(phrases.takeNext)) return { kind: 'takeNext' };
  if (is(phrases.end)) return { kind: 'end' };

  const reference = referencePattern.exec(rawText)?.[0];
  if (reference) {
    for (const phrase of phrases.take.map(normalizeText)) {
      const rest = startsWithPhrase(text, phrase);
      if (rest !== undefined && normalizeText(reference) === rest) return { kind: 'take', reference: reference.toUpperCase() };
    }
  }
  for (const phrase of [...phrases.resume].map(normalizeText).sort((a, b) => b.length - a.length)) {
    const rest = startsWithPhrase(text, phrase);
    if (rest === undefined) continue;
    if (/^\d{1,3}$/.test(rest)) return { kind: 'resume', step: Number(rest) };
    const ordinal = ordinals.findIndex((words) => words.some((word) => normalizeText(word) === rest));
    if (ordinal >= 0) return { kind: 'resume', step: ordinal + 1 };
    // "resume at step x": clearly meant as the command, so it is answered (step 0 is refused), never relayed.
    if (phrase.includes('step')) return { kind: 'resume', step: 0 };
  }
  return { kind: 'say', text: rawText };
}
