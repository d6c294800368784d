import { languages, type Language } from '../content/languages';
import type { IntentName, Lexicon } from '../content/schema';
import { containsPhrase, normalizeText } from './normalize';

interface CompiledIntent {
  exact: Set<string>;
  contains: string[];
}

/**
 * Exact phrases from the lexicon in src/content: what must never be guessed (the waiting room, the relay,
 * "forget me") and ordinals. Everything else goes through the trained understanding (understanding.ts).
 * `exact` phrases must be the whole reply (ignoring filler words such as "ok, thanks");
 * `contains` phrases may appear anywhere in it.
 */
export class IntentRecognizer {
  private readonly intents: Record<IntentName, CompiledIntent>;
  private readonly fillers: Set<string>;
  private readonly ordinals: Set<string>[];
  private readonly languageChoices: [Language, CompiledIntent][];
  // A turn asks about the same reply many times (interruptions, then each command in priority order).
  private lastRaw?: string;
  private lastNormalized = '';

  constructor(lexicon: Lexicon) {
    this.fillers = new Set(lexicon.fillerWords.map(normalizeText));
    this.intents = Object.fromEntries(
      Object.entries(lexicon.intents).map(([name, intent]) => [
        name,
        { exact: new Set(intent.exact.map(normalizeText)), contains: intent.contains.map(normalizeText) },
      ]),
    ) as Record<IntentName, CompiledIntent>;
    this.ordinals = lexicon.ordinals.map((words) => new Set(words.map(normalizeText)));
    this.languageChoices = languages.map((language) => {
      const { exact, contains } = lexicon.languageChoice[language];
      return [language, { exact: new Set(exact.map(normalizeText)), contains: contains.map(normalizeText) }];
    });
  }

  /**
   * The language a customer asks to be helped in ("español", "can we do this in Spanish"), and whether that is
   * all the message says (`whole`: nothing else in it to answer).
   */
  languageChoice(rawText: string): { language: Language; whole: boolean } | undefined {
    const text = this.normalize(rawText);
    if (!text) return undefined;
    for (const [language, phrases] of this.languageChoices) {
      if (phrases.exact.has(text) || phrases.exact.has(this.core(text))) return { language, whole: true };
    }
    for (const [language, phrases] of this.languageChoices) {
      const phrase = phrases.contains.find((p) => containsPhrase(text, p));
      if (!phrase) continue;
      const rest = ` ${text} `.replace(` ${phrase} `, ' ').split(' ').filter((word) => word && !this.fillers.has(word));
      return { language, whole: rest.length === 0 };
    }
    return undefined;
  }

  /** The reply without filler words, or the reply itself when it is nothing but filler. */
  private core(text: string): string {
    const words = text.split(' ').filter((word) => !this.fillers.has(word));
    return words.length ? words.join(' ') : text;
  }

  private normalize(rawText: string): string {
    if (rawText !== this.lastRaw) {
      this.lastNormalized = normalizeText(rawText);
      this.lastRaw = rawText;
    }
    return this.lastNormalized;
  }

  matches(name: IntentName, rawText: string): boolean {
    const text = this.normalize(rawText);
    if (!text) return false;
    const intent = this.intents[name];
    if (intent.exact.has(text) || intent.exact.has(this.core(text))) return true;
    return intent.contains.some((phrase) => containsPhrase(text, phrase));
  }

  /** 1-based position named by "2", "two", "the second one", ...; undefined otherwise. */
  ordinal(rawText: string): number | undefined {
    const text = this.normalize(rawText);
    const index = this.ordinals.findIndex((words) => words.has(text) || words.has(this.core(text)));
    return index >= 0 ? index + 1 : undefined;
  }
}
