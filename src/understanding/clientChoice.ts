import type { ClientContent, Lexicon } from '../content/schema';
import type { IntentRecognizer } from './intents';
import { containsPhrase, normalizeText } from './normalize';

export type ClientChoice =
  | { kind: 'client'; client: ClientContent }
  /** A program without a guided procedure; `name` is what the customer called it, when recognized. */
  | { kind: 'other'; name?: string }
  | { kind: 'none' };

interface AliasEntry {
  phrase: string;
  client: ClientContent;
}

/**
 * Works out which mail program a message names: by id, display name, alias, "alias version"
 * ("outlook express 6", "outlook 2007"), or position in the list ("1", "the second one").
 * The longest matching alias wins, so "outlook express" is never taken for "outlook".
 */
export class ClientChoiceRecognizer {
  private readonly aliases: AliasEntry[];
  /** Normalized phrase -> the name as the content spells it ("thunderbird" -> "Thunderbird"). */
  private readonly otherPrograms: [string, string][];
  private readonly somethingElse: string[];
  private readonly errorReport: string[];

  constructor(
    private readonly clients: ClientContent[],
    lexicon: Lexicon,
    private readonly intents: IntentRecognizer,
  ) {
    const entries: AliasEntry[] = [];
    for (const client of clients) {
      const names = [client.id.replace(/-/g, ' '), client.displayName, ...client.aliases].map(normalizeText);
      for (const name of new Set(names)) {
        entries.push({ phrase: name, client });
        for (const version of client.versions) entries.push({ phrase: normalizeText(`${name} ${version}`), client });
      }
    }
    this.aliases = entries.sort((a, b) => b.phrase.length - a.phrase.length);
    const longestFirst = (phrases: string[]) => phrases.map(normalizeText).sort((a, b) => b.length - a.length);
    this.otherPrograms = lexicon.otherPrograms
      .map((name): [string, string] => [normalizeText(name), name])
      .sort((a, b) => b[0].length - a[0].length);
    this.somethingElse = longestFirst(lexicon.somethingElse);
    this.errorReport = longestFirst(lexicon.errorReport);
  }

  recognize(rawText: string): ClientChoice {
    const text = normalizeText(rawText);
    if (!text) return { kind: 'none' };
    const other = this.otherPrograms.find(([phrase]) => containsPhrase(text, phrase));
    const alias = this.aliases.find((entry) => containsPhrase(text, entry.phrase));
    // "Windows Live Mail" and "Outlook.com" mention no guided client, but "outlook com" contains "outlook":
    // a longer other-program phrase beats a shorter client alias.
    if (alias && !(other && other[0].length > alias.phrase.length)) return { kind: 'client', client: alias.client };
    if (other) return { kind: 'other', name: other[1] };
    if (this.somethingElse.some((phrase) => containsPhrase(text, phrase))) return { kind: 'other' };
    // Positions count the choices offered (listed clients, then Another program), not every procedure.
    const listed = this.clients.filter((client) => client.listed);
    const position = this.intents.ordinal(text);
    if (position !== undefined && position <= listed.length) return { kind: 'client', client: listed[position - 1] };
    if (position === listed.length + 1) return { kind: 'other' };
    return { kind: 'none' };
  }

  /** True when the message looks like the customer's report of the error ("error 550", "can't send email"). */
  isErrorReport(rawText: string): boolean {
    const text = normalizeText(rawText);
    return this.errorReport.some((phrase) => containsPhrase(text, phrase));
  }
}
