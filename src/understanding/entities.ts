import type { Nlp } from '@nlpjs/nlp';
import type { EntitiesFile, EntityKind, ProgramEntry } from '../content/understandingSchema';

/** What a message names: the program, a server or address it shows, an error code. */
export interface Entities {
  /** The program entry (a procedure's client id, "outlook", "new-outlook" or "other:<name>"). */
  program?: ProgramEntry;
  server?: string;
  email?: string;
  /** A bare value a box shows ("it just says bob" -> "bob"). */
  name?: string;
  errorCode?: string;
}

export interface Extraction {
  entities: Entities;
  /** The normalized text with each entity replaced by its marker ("it says xserverx"), for the classifier. */
  marked: string;
}

export function marker(kind: EntityKind): string {
  return `x${kind.toLowerCase()}x`;
}

/** Outlook with no version named: the bot asks which one. */
export const genericOutlook = 'outlook';

const emailPattern = /\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+\b/gi;

/**
 * Finds entities in a message. Addresses, servers and error codes by pattern (from content); programs by
 * NLP.js's enum extractor, which tolerates typos ("outlok express"). Addresses and host names are taken out
 * before programs are looked for, so a recipient's domain ("john@yahoo.com") is never read as a program.
 */
export class EntityExtractor {
  private readonly hostPattern: RegExp;
  private readonly errorPatterns: { code: string; pattern: RegExp }[];
  private readonly namePattern: RegExp;
  private readonly notNames: Set<string>;
  private readonly programs: Map<string, ProgramEntry>;
  private readonly programSynonyms: Set<string>;

  constructor(
    private readonly nlp: Nlp,
    file: EntitiesFile,
  ) {
    const tlds = file.topLevelDomains.map((tld) => tld.toLowerCase()).join('|');
    this.hostPattern = new RegExp(`\\b(?:[a-z0-9-]+\\.)+(?:${tlds})\\b`, 'gi');
    this.errorPatterns = file.errorCodes.map(({ code, pattern }) => ({ code, pattern: new RegExp(pattern, 'i') }));
    const cues = [...file.nameCues].sort((a, b) => b.length - a.length).map((cue) => cue.replace(/\s+/g, '\\s+'));
    this.namePattern = new RegExp(`\\b(?:${cues.join('|')})\\s+["'“]?([a-z0-9][a-z0-9._-]*)["'”]?(?=\\s*(?:$|[.,!?]|\\s+in\\s+it|\\s+only|\\s+should|\\s+is\\s+that|\\s+and))`, 'i');
    this.notNames = new Set(file.notNames.map((word) => word.toLowerCase()));
    this.programs = new Map(file.programs.map((program) => [program.id, program]));
    this.programSynonyms = new Set(file.programs.flatMap((program) => program.synonyms.map((synonym) => synonym.toLowerCase())));
    for (const program of file.programs) nlp.addNerRuleOptionTexts('en', 'program', program.id, program.synonyms);
  }

  program(id: string): ProgramEntry | undefined {
    return this.programs.get(id);
  }

  /**
   * `prepare` normalizes and spell-corrects text; the markers pass through it unchanged. Addresses and host
   * names are replaced by their markers before programs are looked for.
   */
  async extract(raw: string, prepare: (text: string) => string): Promise<Extraction> {
    const entities: Entities = {};
    const lower = raw.toLowerCase();
    const email = lower.match(emailPattern)?.[0];
    if (email) entities.email = email;
    let rest = lower.replace(emailPattern, ` ${marker('email')} `);
    const host = rest.match(this.hostPattern)?.[0];
    // "outlook.com" is a web mail service the customer names, not a server they see in a box.
    if (host && !this.programSynonyms.has(host)) {
      entities.server = host;
      rest = rest.replace(this.hostPattern, ` ${marker('server')} `);
    }
    const error = this.errorPatterns.find(({ pattern }) => pattern.test(rest));
    if (error) {
      entities.errorCode = error.code;
      // A code ("0x800ccc0e", "550") is one token for the classifier; words such as "relay" stay words.
      if (/\d/.test(error.code)) rest = rest.replace(error.pattern, ` ${marker('errorCode')} `);
    }

    let marked = prepare(rest);
    const program = await this.findProgram(marked);
    if (program) {
      entities.program = this.programs.get(program.option);
      marked = replaceWords(marked, program.text, marker('program'));
    }
    if (!email && !entities.server && !program) {
      const name = raw.match(this.namePattern)?.[1]?.toLowerCase();
      if (name && !this.notNames.has(name) && !/^\d+$/.test(name)) {
        entities.name = name;
        marked = replaceWords(marked, name, marker('name'));
      }
    }
    return { entities, marked };
  }

  private async findProgram(text: string): Promise<{ option: string; text: string } | undefined> {
    if (!/[a-z0-9]/i.test(text)) return undefined;
    const { entities } = await this.nlp.extractEntities('en', text);
    const padded = ` ${text} `;
    const negated = (start: number) => /\b(?:not|no|isnt|dont|without)\s+(?:an?\s+|the\s+)?$/.test(padded.slice(Math.max(0, start - 15), start + 1));
    const found = entities
      .filter((entity) => entity.entity === 'program' && entity.option)
      // "Outlook 2016, not Outlook Express": the program named without "not"; a version ("microsoft outlook
      // 2007" holds "microsoft outlook" and "outlook 2007") over plain Outlook; a program over the webmail the
      // customer also reads in ("I read it on the website but send from Outlook Express"); then the first named.
      .sort(
        (a, b) =>
          Number(negated(a.start)) - Number(negated(b.start)) ||
          Number(a.option === genericOutlook) - Number(b.option === genericOutlook) ||
          Number(this.programs.get(a.option!)?.kind === 'webmail') - Number(this.programs.get(b.option!)?.kind === 'webmail') ||
          a.start - b.start,
      )[0];
    return found ? { option: found.option!, text: found.utteranceText } : undefined;
  }
}

/** Replaces `phrase` (as typed) in a normalized text, word for word, with `replacement`. */
function replaceWords(normalized: string, phrase: string, replacement: string): string {
  const words = phrase
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (!words) return normalized;
  const padded = ` ${normalized} `;
  const at = padded.indexOf(` ${words} `);
  if (at < 0) return normalized;
  return `${padded.slice(0, at)} ${replacement} ${padded.slice(at + words.length + 2)}`.trim().replace(/\s+/g, ' ');
}
