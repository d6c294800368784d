import damerauLevenshtein from 'damerau-levenshtein';

/**
 * Corrects typos of words the bot knows ("dnoe" -> "done", "techincian" -> "technician"), so the
 * classifier and the command list see the word the customer meant. Damerau distance: a swapped pair
 * of letters is one typo, as a customer makes it. Short words are left alone ("ok", "no"), and a word
 * is only corrected when one known word is clearly nearest.
 */
export class SpellingCorrector {
  private readonly known: Set<string>;
  private readonly byLength = new Map<number, string[]>();
  private readonly cache = new Map<string, string>();

  constructor(vocabulary: Iterable<string>, private readonly minLength = 4) {
    this.known = new Set(vocabulary);
    for (const word of this.known) {
      const list = this.byLength.get(word.length) ?? [];
      list.push(word);
      this.byLength.set(word.length, list);
    }
  }

  /** Edits allowed for a word of this length: one up to 7 letters, two from 8. */
  private static allowance(length: number): number {
    return length >= 8 ? 2 : 1;
  }

  correctWord(word: string): string {
    if (word.length < this.minLength || this.known.has(word) || /\d/.test(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const allowed = SpellingCorrector.allowance(word.length);
    let best = word;
    let bestDistance = allowed + 1;
    let tied = false;
    for (let length = word.length - allowed; length <= word.length + allowed; length += 1) {
      for (const candidate of this.byLength.get(length) ?? []) {
        if (candidate.length < this.minLength) continue;
        const { steps } = damerauLevenshtein(word, candidate);
        if (steps < bestDistance) {
          best = candidate;
          bestDistance = steps;
          tied = false;
        } else if (steps === bestDistance) {
          tied = true;
        }
      }
    }
    const corrected = bestDistance <= allowed && !tied ? best : word;
    if (this.cache.size < 10_000) this.cache.set(word, corrected);
    return corrected;
  }

  /** A normalized text (lower-case words separated by spaces) with each word corrected. */
  correct(normalized: string): string {
    return normalized
      .split(' ')
      .map((word) => this.correctWord(word))
      .join(' ');
  }
}
