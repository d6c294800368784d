export interface RedactionOptions {
  /** Replaces each secret, e.g. "[password hidden]". */
  mask: string;
  /** Words that can follow "password is" without being one ("wrong", "not", "saved"). */
  notSecrets: string[];
  /** Words a lone token may contain without being a password (mail program names, "outlook2007"). */
  knownWords: string[];
}

export interface RedactionResult {
  text: string;
  found: boolean;
}

const keywordPattern = /\b(pass(?:word|wd|code|phrase)?s?|pwd|pw)\b(\s*(?:is|was|=|:|-)?\s*(?:is\s+|was\s+)?)(["'“‘]?)([^\s"'”’]+)/gi;

function characterClasses(token: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(token)).length;
}

/**
 * Finds and masks passwords a customer types, so they never reach a transcript, a summary, a log
 * or a webhook. Two signals: a value after "password"/"pwd"/"pw" ("my password is hunter2",
 * "pw: x"), and a message that is one password-like token (8+ characters mixing three kinds of
 * character, with no spaces, dots or @, and no known word in it).
 */
export class Redactor {
  private readonly notSecrets: Set<string>;
  private readonly knownWords: string[];

  constructor(private readonly options: RedactionOptions) {
    this.notSecrets = new Set(options.notSecrets.map((word) => word.toLowerCase()));
    this.knownWords = options.knownWords.map((word) => word.toLowerCase()).filter((word) => word.length >= 4);
  }

  /**
   * `wholeMessage: false` is for text that is not one customer message (a log line, an error): only
   * the "password is ..." signal applies, since ids and tokens there look like lone passwords.
   */
  redact(text: string, { wholeMessage = true }: { wholeMessage?: boolean } = {}): RedactionResult {
    let found = false;
    // Text redacted once (a transcript line, a summary) is left as it is: masking is idempotent.
    const { mask } = this.options;
    const masked: number[] = [];
    for (let at = text.indexOf(mask); at >= 0; at = text.indexOf(mask, at + 1)) masked.push(at);
    const insideMask = (from: number, to: number) => masked.some((start) => from >= start && to <= start + mask.length);
    const isMaskAt = (position: number) => masked.includes(position) && /^(?:$|[\s.,!?;:"'”’)])/.test(text.slice(position + mask.length));
    let result = text.replace(keywordPattern, (whole, keyword: string, between: string, quote: string, value: string, offset: number) => {
      const bare = value.replace(/[.,!?;:]+$/, '');
      if (!bare || this.notSecrets.has(bare.toLowerCase())) return whole;
      if (insideMask(offset, offset + whole.length) || isMaskAt(offset + keyword.length + between.length + quote.length)) return whole;
      found = true;
      return `${keyword}${between}${quote}${this.options.mask}${value.slice(bare.length)}`;
    });
    const lone = result.trim();
    if (!found && wholeMessage && this.looksLikeLonePassword(lone)) {
      found = true;
      result = this.options.mask;
    }
    return { text: result, found };
  }

  private looksLikeLonePassword(token: string): boolean {
    if (token.length < 8 || token.length > 64 || /[\s.@]/.test(token)) return false;
    if (characterClasses(token) < 3) return false;
    const lower = token.toLowerCase();
    return !this.knownWords.some((word) => lower.includes(word));
  }

  /** Masks secrets in every string of a JSON-like value (activities, summaries, webhook bodies). */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value).text as T;
    if (Array.isArray(value)) return value.map((item) => this.redactDeep(item)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactDeep(item)])) as T;
    }
    return value;
  }
}
