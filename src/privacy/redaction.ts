import { passwordPhrases as phrases } from './passwordPhrases';

export interface RedactionOptions {
  /** Replaces each secret, e.g. "[password hidden]". */
  mask: string;
  /** Words that can follow "password is" without being one ("wrong", "not", "saved", "incorrecta"). */
  notSecrets: string[];
  /** Words a lone token may contain without being a password (mail program names, "outlook2007"). */
  knownWords: string[];
}

export interface RedactionResult {
  text: string;
  found: boolean;
}

/**
 * How much the wording alone says about the word it points at:
 * - `stated`: "password is X", "password: X", "I typed X as the password": X is the secret unless it
 *   is a word that says something about the password ("wrong", "saved") rather than being it.
 * - `shaped`: weaker wording ("password X", "my password is not X"): X must also look like a password
 *   (a digit, a symbol or mixed case, and not an error code, an address or a program name).
 * - `shapedOrLast`: as `shaped`, or X ends the clause. For "to"/"a" forms, which also start a purpose
 *   ("I reset my password to fix it"), so "changed my password to sunshine." still counts.
 */
type Evidence = 'stated' | 'shaped' | 'shapedOrLast';

interface Rule {
  /** A global pattern with a `value` group (the candidate secret) and, for a login pair, a `user` group. */
  pattern: RegExp;
  evidence: (match: RegExpExecArray, text: string) => Evidence;
}

interface Span {
  start: number;
  end: number;
}

// Keywords are matched as whole words, letters of any alphabet included ("contraseña" ends in ñ,
// which \b does not count as a letter).
const letter = '[\\p{L}\\p{N}_]';
const wordStart = `(?<!${letter})`;
const wordEnd = `(?!${letter})`;

function escape(phrase: string): string {
  return phrase.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** An alternation of phrases, longest first; spaces match any run of spaces, an apostrophe either kind. */
function anyOf(list: readonly string[]): string {
  return [...new Set(list)]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => escape(phrase).replace(/\s+/g, '\\s+').replace(/['’]/g, "['’]"))
    .join('|');
}

function words(list: readonly string[]): string {
  return `${wordStart}(?:${anyOf(list)})${wordEnd}`;
}

function pattern(source: string): RegExp {
  return new RegExp(source, 'giud');
}

const fullKeywords = phrases.keywords.filter((keyword) => !phrases.shortForms.includes(keyword));
/** Any keyword, or "pass" right after my/the/mi ("my pass is X"). */
const keyword = `(?:${words(phrases.keywords)}|pass(?<=${words(phrases.passAfter)}\\s+pass)${wordEnd})`;
/** The keyword after "my", "the", "mi": "X is my email password", "X es mi contraseña". */
const ownedKeyword = `(?:${words(phrases.determiners)}\\s+)?(?:${words(phrases.descriptors)}\\s+)?${keyword}`;

/** A value after the wording: one token, or a quoted phrase (the quotes stay, what they enclose is masked). */
const valueAfter = `(?<value>"[^"\\n]{1,64}"|“[^”\\n]{1,64}”|'[^'\\n]{1,64}'(?=$|[\\s.,!?;:)])|‘[^’\\n]{1,64}’|\\S+)`;
/** A value before the wording ("X is my password"): a token not ending in punctuation, so "bob@airmail.net, is my password wrong" is not one. */
const valueBefore = `(?<!\\S)(?<value>"[^"\\n]{1,64}"|“[^”\\n]{1,64}”|\\S*[^\\s.,;:!?])`;
const clauseEnd = `(?=\\s*(?:$|[.,!?;:)(]|${words(phrases.clauseEnds)}))`;

/** Between the user name and the password: a sign ("/", ","), or a word ("and") with spaces around it. */
const separators = [...phrases.pairSeparators, ...phrases.weakPairSeparators];
const pairSeparator = [
  `\\s*(?:${anyOf(separators.filter((separator) => !/\p{L}/u.test(separator)))})\\s*`,
  `\\s+(?:${anyOf(separators.filter((separator) => /\p{L}/u.test(separator)))})\\s+`,
].join('|');

/** keyword [qualifying phrase] [filler] CONNECTOR [filler] [not] value. */
function connectorRule(connectors: string[], evidence: Evidence): Rule {
  const gapWord = '(?:[^\\s.,!?;:]|[.:](?=\\S))+';
  const qualifier = `(?:\\s+${words(phrases.qualifiers)}(?:\\s+${gapWord}){0,${phrases.maxQualifierWords}}?)?`;
  const connector = `(?<connector>['’]s${wordEnd}|\\s+(?:${anyOf(connectors)})${wordEnd})`;
  const filler = words(phrases.fillers);
  return {
    pattern: pattern(
      `${keyword}${qualifier}(?:\\s+${filler})?${connector}(?:\\s+${filler})?(?:\\s*:\\s*|\\s+)(?:(?<negation>${words(phrases.negations)})\\s+)?${valueAfter}`,
    ),
    evidence: (match) => {
      const connector = match.groups!.connector.trim().toLowerCase();
      const negated = match.groups!.negation !== undefined || /n['’]?t$|\snot$|^no\s/.test(connector);
      return negated ? 'shaped' : evidence;
    },
  };
}

const rules: Rule[] = [
  // "password is X", "the password for my account is X", "contraseña ahora es X", "my password's X".
  connectorRule(phrases.connectors, 'stated'),
  // "password was changed to X", "password reset to X", "la contraseña fue cambiada a X".
  connectorRule(phrases.changeConnectors, 'shapedOrLast'),
  // "password: X", "pwd=X", "pass: X", "password - X" (a dash with spaces: "password-protected" is one word).
  {
    pattern: pattern(`(?:${words(phrases.keywords)}|${wordStart}pass${wordEnd})(?:\\s*[:=]|\\s+[-–—])\\s*${valueAfter}`),
    evidence: () => 'stated',
  },
  // "pw X", "pwd X": any word after a short form.
  { pattern: pattern(`${words(phrases.shortForms)}\\s+${valueAfter}`), evidence: () => 'stated' },
  // "password hunter2", "passcode 4821", "Is your password Hunter2?" (not "password box").
  { pattern: pattern(`${words(fullKeywords)}\\s+${valueAfter}`), evidence: () => 'shaped' },
  // "changed my password to X", "set my new password to X", "cambié la contraseña a X".
  {
    pattern: pattern(`${words(phrases.changeVerbs)}\\s+${ownedKeyword}\\s+${words(phrases.changeLinks)}\\s+${valueAfter}`),
    evidence: () => 'shapedOrLast',
  },
  // "I typed X as the password", "I put in X as my password", "I entered X for the password", "puse X como contraseña".
  {
    pattern: pattern(`${words(phrases.entryVerbs)}(?:\\s+in)?\\s+${valueBefore}\\s+${words(phrases.entryLinks)}\\s+${ownedKeyword}`),
    evidence: () => 'stated',
  },
  // "bob as the user name and X as the password".
  {
    pattern: pattern(`${words(phrases.secondValueLeads)}\\s+${valueBefore}\\s+${words(phrases.secondValueLinks)}\\s+${ownedKeyword}`),
    evidence: () => 'shaped',
  },
  // "X is my password", "X is the password, right?", "X es mi contraseña".
  {
    pattern: pattern(`${valueBefore}\\s+${words(phrases.copulas)}\\s+${ownedKeyword}(?:\\s+${words(phrases.fillers)})?${clauseEnd}`),
    evidence: (match, text) => (startsClause(text, match.indices!.groups!.value[0]) ? 'stated' : 'shaped'),
  },
  // "it's X (my password)"; after a bare "(password)", a label more often than not, X must look like one.
  {
    pattern: pattern(`(?<!\\S)(?<value>[^\\s()]+)\\s*\\(\\s*(?:(?<owner>${words(phrases.determiners)})\\s+)?(?:${words(phrases.descriptors)}\\s+)?${keyword}\\s*\\)`),
    evidence: (match) => (match.groups!.owner ? 'stated' : 'shaped'),
  },
  // "login is bob@airmail.net / X", "username and password: bob, Xk9#mP2". The user name is kept.
  {
    pattern: pattern(
      `${words(phrases.loginWords)}(?:\\s+(?:${anyOf(phrases.loginConnectors)})${wordEnd}\\s*:?|\\s*[:=])\\s*(?<user>[^\\s/|,]+)(?<separator>${pairSeparator})${valueAfter}`,
    ),
    evidence: (match) => (phrases.pairSeparators.includes(match.groups!.separator.trim()) ? 'stated' : 'shaped'),
  },
];

/** Every rule needs one of these: most messages have none, and skip the rules (the redactor runs on every turn and log line). */
const anyTrigger = new RegExp(anyOf([...phrases.keywords, 'pass', ...phrases.loginWords]), 'iu');

/** Words of the wording itself ("is", "now", "to", "password"): never the secret they lead to. */
const phraseWords = new Set(
  [
    ...phrases.keywords,
    ...phrases.passAfter,
    ...phrases.connectors,
    ...phrases.changeConnectors,
    ...phrases.qualifiers,
    ...phrases.fillers,
    ...phrases.negations,
    ...phrases.changeLinks,
    ...phrases.entryLinks,
    ...phrases.copulas,
    ...phrases.determiners,
    ...phrases.clauseEnds,
    ...phrases.loginConnectors,
    'pass',
  ].flatMap((phrase) => phrase.toLowerCase().split(/\s+/)),
);

const clauseStartBefore = new RegExp(`(?:^|[.!?¿¡,;:(]|${words(phrases.clauseLeads)})\\s*$`, 'iu');
const lengthWordAfter = new RegExp(`^\\s+${words(phrases.lengthWords)}`, 'iu');
const clauseEndAfter = new RegExp(`^${clauseEnd}`, 'iu');

/** True when position starts a clause: the message's start, after punctuation, or after "and", "I think". */
function startsClause(text: string, position: number): boolean {
  return clauseStartBefore.test(text.slice(0, position));
}

function characterClasses(token: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(token)).length;
}

/** Replaces a mask already in the text while the patterns run: a mask is neither a keyword nor a value. */
const maskStandIn = '\uE000';

/**
 * Finds and masks passwords a customer types, so they never reach a transcript, a summary, a log
 * or a webhook. Two signals: wording that states a password (the rules above: "my password is
 * hunter2", "pw: x", "X es mi contraseña"), and a message that is one password-like token (8+
 * characters mixing three kinds of character, with no spaces, dots or @, and no known word in it).
 * Only the secret is replaced; the words around it stay.
 */
export class Redactor {
  private readonly notSecrets: Set<string>;
  private readonly knownWords: string[];
  private readonly knownExact: Set<string>;

  constructor(private readonly options: RedactionOptions) {
    this.notSecrets = new Set([...options.notSecrets.map((word) => word.toLowerCase()), ...phraseWords]);
    this.knownExact = new Set(options.knownWords.map((word) => word.toLowerCase()));
    this.knownWords = [...this.knownExact].filter((word) => word.length >= 4);
  }

  /**
   * `wholeMessage: false` is for text that is not one customer message (a log line, an error): only
   * the wording signal applies, since ids and tokens there look like lone passwords.
   */
  redact(text: string, { wholeMessage = true }: { wholeMessage?: boolean } = {}): RedactionResult {
    const { mask } = this.options;
    // Text redacted once (a transcript line, a summary) is left as it is: masking is idempotent.
    const work = mask ? text.split(mask).join(maskStandIn.repeat(mask.length)) : text;
    const secrets: Span[] = [];
    const users: Span[] = [];
    for (const rule of anyTrigger.test(work) ? rules : []) {
      rule.pattern.lastIndex = 0;
      // Each match is retried one character on, so a rejected candidate never hides a later one.
      for (let match; (match = rule.pattern.exec(work)); rule.pattern.lastIndex = match.index + 1) {
        const user = match.indices?.groups?.user;
        const [from, to] = match.indices!.groups!.value;
        const span = this.secretIn(work, from, to, rule.evidence(match, work));
        if (span) secrets.push(span);
        if (user) users.push({ start: user[0], end: user[1] });
      }
    }
    // A user name stated next to the password ("login is bob@airmail.net / X") is never the secret.
    const masked = merge(secrets.filter((span) => !users.some((user) => span.start < user.end && user.start < span.end)));
    let result = text;
    for (const span of masked.reverse()) result = result.slice(0, span.start) + mask + result.slice(span.end);
    if (masked.length === 0 && wholeMessage && this.looksLikeLonePassword(text.trim())) return { text: mask, found: true };
    return { text: result, found: masked.length > 0 };
  }

  /** The secret within a candidate value (quotes, brackets and closing punctuation kept out), if the evidence is enough. */
  private secretIn(text: string, from: number, to: number, evidence: Evidence): Span | undefined {
    let start = from;
    let end = to;
    while (start < end && /["'“”‘’(\[¿¡«]/.test(text[start])) start++;
    while (end > start && /["'“”‘’)\].,!?;:»]/.test(text[end - 1])) end--;
    const value = text.slice(start, end);
    if (!/[\p{L}\p{N}]/u.test(value) || value.includes(maskStandIn)) return undefined; // "********", a mask
    if (this.notSecrets.has(value.toLowerCase())) return undefined;
    if (/^\d+$/.test(value) && lengthWordAfter.test(text.slice(end))) return undefined; // "must be 8 characters"
    const enough =
      evidence === 'stated' || this.looksLikePassword(value) || (evidence === 'shapedOrLast' && clauseEndAfter.test(text.slice(end)));
    return enough ? { start, end } : undefined;
  }

  /**
   * A digit, a symbol or mixed case ("hunter2", "Tr0ub4dor&3", "sUnshine"), and not an error code, an
   * address or a program name. A word with an apostrophe or a hyphen ("doesn't", "pop-up") is a word.
   */
  private looksLikePassword(value: string): boolean {
    if (phrases.notSecretShapes.some((shape) => shape.test(value)) || this.knownExact.has(value.toLowerCase())) return false;
    const mixedCase = /\p{Ll}/u.test(value) && /\p{Lu}/u.test(value.slice(1));
    return mixedCase || !/^\p{L}+(?:[-'’]\p{L}+)*$/u.test(value);
  }

  private looksLikeLonePassword(token: string): boolean {
    if (token.length < 8 || token.length > 64 || /[\s.@]/.test(token)) return false;
    if (characterClasses(token) < 3) return false;
    if (phrases.notSecretShapes.some((shape) => shape.test(token))) return false; // "0x800CCC79"
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

/** Spans in order, overlapping ones joined. */
function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}
