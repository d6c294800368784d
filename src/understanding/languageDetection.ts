import type { Language } from '../content/languages';
import { normalizeText } from './normalize';
import { stopwordsOf, type Understanding } from './understanding';

/** How sure a detection must be: on the first messages a word or two decide; later a whole sentence must. */
export type DetectionStrictness = 'firstMessages' | 'later';

/**
 * Which language a message is written in, from the words each language's understanding knows (its examples,
 * commands and program names) and its common words. Only words one language knows and the other does not
 * count: "ok", "no", "outlook" or "550" say nothing, nor does a typo of a word both know ("expres"). Short messages are the rule here ("listo", "hola",
 * "done"), which general trigram detectors cannot place; undefined when the words do not decide.
 */
export class LanguageDetector {
  constructor(private readonly models: Understanding[]) {}

  detect(text: string, strictness: DetectionStrictness): Language | undefined {
    const words = normalizeText(text)
      .split(' ')
      .filter((word) => word.length > 1 && !/\d/.test(word));
    if (words.length === 0) return undefined;
    const known = this.models.map((model) => ({ language: model.language, words: new Set(words.filter((word) => this.knownTo(model, word))) }));
    // A word counts for one language only if the others do not know it, nor read it as a typo of a word both know
    // ("expres": English reads "express", which the Spanish examples use too). Short words are left as they are:
    // a one-letter change makes "hola" of "hold".
    const scores = known.map(({ language, words: mine }) => {
      const model = this.models.find((m) => m.language === language)!;
      const typoOfShared = (other: Understanding, word: string) => word.length >= 5 && other.corrected(word) !== word && model.knows(other.corrected(word));
      const theirs = (other: Understanding, word: string) => this.knownTo(other, word) || typoOfShared(other, word);
      return { language, only: [...mine].filter((word) => this.models.every((other) => other === model || !theirs(other, word))).length };
    });
    scores.sort((a, b) => b.only - a.only);
    const [best, second] = scores;
    if (!best || best.only === 0) return undefined;
    const rival = second?.only ?? 0;
    if (strictness === 'firstMessages') return best.only > rival * 2 ? best.language : undefined;
    // Later in the conversation the language changes only for a message clearly in the other one.
    return best.only >= 2 && rival === 0 ? best.language : undefined;
  }

  private knownTo(model: Understanding, word: string): boolean {
    return model.knows(word) || stopwordsOf[model.language].isStopword(word);
  }
}
