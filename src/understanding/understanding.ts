import type { IntentsFile, EntitiesFile, Intent } from '../content/understandingSchema';
import { entityMarkers, understandingContexts } from '../content/understandingSchema';
import { IntentClassifier } from './classifier';
import { Entities, EntityExtractor, marker } from './entities';
import { normalizeText } from './normalize';
import { SpellingCorrector } from './spelling';
import { StopwordsEn } from '@nlpjs/lang-en-min';
import { StopwordsEs } from '@nlpjs/lang-es';
import type { Language } from '../content/languages';

/** Common words of each language ("the", "el"): not evidence of understanding, nor of the language alone. */
export const stopwordsOf: Record<Language, { isStopword(word: string): boolean }> = { en: new StopwordsEn(), es: new StopwordsEs() };

/** Where a message is said: what the bot last asked decides what "yes" or "no" means. */
export type UnderstandingContext = (typeof understandingContexts)[number];

export interface Understood {
  /** What the customer means here; 'None' when nothing fits well enough. */
  intent: Intent | 'None';
  score: number;
  /** Below the confidence threshold but plausible: the bot asks which of these was meant. */
  unsure?: Intent[];
  entities: Entities;
  /** 'command': an exact phrase or button; 'model': the classifier. */
  via: 'command' | 'model';
  /** The message normalized and spell-corrected. */
  text: string;
}

export interface UnderstandingSettings {
  /** At or above: the intent is acted on. */
  confident: number;
  /** At or above (and below `confident`): a clarifying question; below: not understood. */
  plausible: number;
}

export const defaultUnderstandingSettings: UnderstandingSettings = { confident: 0.7, plausible: 0.4 };

const markerPattern = new RegExp(`\\{(${entityMarkers.join('|')})\\}`, 'g');

/**
 * Turns a customer's message into an intent and entities: exact commands first (buttons, "done",
 * keypad words: no classifier), then typo correction, entity extraction and the trained classifier,
 * and last the context rules. Trained once per content (see `Understanding.train`).
 */
/** The words that say a code is gone (intents.json `codeNamedAsGone`). */
interface GoneWords {
  negations: Set<string>;
  fillers: Set<string>;
}

/**
 * How a message names an error code. "not getting 550 anymore", "I don't get the 550 error now", "no more 550":
 * gone. Read back from the code over words that only fill in ("more", "getting", "the", "error"): a negation there
 * says so. A bare "no" opening the message right before the code ("no 550 this time", "no, 550 again": the text is
 * normalized, so the comma is gone) may be the answer "no" as well: either. Otherwise the code is there.
 */
function codeReading(text: string, code: string, words: GoneWords): 'gone' | 'either' | 'there' {
  const said = text.split(' ');
  const at = said.indexOf(code.toLowerCase());
  if (at === 1 && said[0] === 'no') return 'either';
  for (let i = at - 1; i >= 0; i--) {
    if (words.negations.has(said[i])) return 'gone';
    if (!words.fillers.has(said[i])) return 'there';
  }
  return 'there';
}

/** `normalized` with each shorthand word spelled out (intents.json `shorthand`). */
function expandShorthand(normalized: string, shorthand: Map<string, string>): string {
  if (shorthand.size === 0) return normalized;
  return normalized
    .split(' ')
    .map((word) => shorthand.get(word) ?? word)
    .join(' ');
}

/** Answers to the Tools-menu question that are not yes or no ("how do I tell?", "I can't see anything"). */
const versionQuestions = new Set(['ask.mailProgram', 'cant', 'help', 'human', 'startOver', 'forgetMe', 'frustration']);

/** Requests that an error code beside them does not change (see inContext). */
const verifyingKeeps = new Set(['human', 'startOver', 'forgetMe', 'frustration', 'wait']);

export class Understanding {
  private readonly commands = new Map<string, Intent>();

  private constructor(
    private readonly classifier: IntentClassifier,
    private readonly extractor: EntityExtractor,
    private readonly corrector: SpellingCorrector,
    private readonly contexts: IntentsFile['contexts'],
    private readonly sameErrorCodes: string[],
    private readonly settings: UnderstandingSettings,
    commands: Map<string, Intent>,
    private readonly vocabulary: Set<string>,
    private readonly minimumConfidence: IntentsFile['minimumConfidence'],
    private readonly goneWords: GoneWords,
    readonly language: Language,
    private readonly shorthand: Map<string, string>,
    private readonly toolsMenuWords: string[],
  ) {
    this.commands = commands;
  }

  /** True when `word` (normalized) is one the examples, commands or program names use. */
  knows(word: string): boolean {
    return this.vocabulary.has(word);
  }

  /** The known word `word` is a typo of ("expres" -> "express"), or `word` itself. */
  corrected(word: string): string {
    return this.corrector.correctWord(word);
  }

  /** Trains the classifier from the content's examples (one language); takes about a second. */
  static async train(
    intents: IntentsFile,
    entities: EntitiesFile,
    extraCommands: [string, Intent][] = [],
    settings: UnderstandingSettings = defaultUnderstandingSettings,
    language: Language = 'en',
  ): Promise<Understanding> {
    const classifier = new IntentClassifier(language);
    const extractor = new EntityExtractor(classifier.nlp, entities);
    const commands = new Map<string, Intent>();
    const vocabulary = new Set<string>(entityMarkers.map(marker));
    const shorthand = new Map(Object.entries(intents.shorthand).map(([word, meant]) => [word, normalizeText(meant)]));
    const spelledOut = (text: string) => expandShorthand(normalizeText(text), shorthand);
    const learn = (text: string) => spelledOut(text).split(' ').forEach((word) => word && vocabulary.add(word));

    const documents: [string, Intent][][] = [];
    for (const [intent, { commands: phrases, examples }] of Object.entries(intents.intents) as [Intent, IntentsFile['intents'][Intent]][]) {
      const mine: [string, Intent][] = [];
      for (const phrase of phrases) {
        commands.set(spelledOut(phrase), intent);
        learn(phrase);
        mine.push([spelledOut(phrase), intent]);
      }
      for (const example of examples) {
        const text = spelledOut(example.replace(markerPattern, (_, kind: (typeof entityMarkers)[number]) => ` ${marker(kind)} `));
        learn(text);
        mine.push([text, intent]);
      }
      documents.push(mine);
    }
    // Taught one example of each intent in turn, not intent by intent: in blocks, a word two neighbouring intents
    // share ("no" in "no veo el botón" (help) and "no tengo menú Tools" (noMenu)) is pushed down for the first by
    // the time the second is learnt, and the first intent is then only recognized in its own exact sentences.
    for (let i = 0; documents.some((mine) => i < mine.length); i++) {
      for (const mine of documents) if (i < mine.length) classifier.add(...mine[i]);
    }
    for (const program of entities.programs) program.synonyms.forEach(learn);
    for (const [phrase, intent] of extraCommands) commands.set(normalizeText(phrase), intent);
    await classifier.train();
    const goneWords = { negations: new Set(intents.codeNamedAsGone.negations), fillers: new Set(intents.codeNamedAsGone.fillers) };
    return new Understanding(
      classifier,
      extractor,
      new SpellingCorrector(vocabulary),
      intents.contexts,
      intents.sameErrorCodes,
      settings,
      commands,
      vocabulary,
      intents.minimumConfidence,
      goneWords,
      language,
      shorthand,
      entities.outlookByToolsMenu.menuWords.map(normalizeText),
    );
  }

  /** What `raw` means in `context`. */
  async understand(raw: string, context: UnderstandingContext): Promise<Understood> {
    return this.inContext(await this.interpret(raw), context);
  }

  /** What `raw` means anywhere (before the context rules): the part of the work that can be cached per turn. */
  async interpret(raw: string): Promise<Understood> {
    const text = this.corrector.correct(this.expand(normalizeText(raw)));
    if (!text) return { intent: 'None', score: 1, entities: {}, via: 'command', text };
    const command = this.commands.get(text);
    if (command) return { intent: command, score: 1, entities: {}, via: 'command', text };

    const { entities, marked } = await this.extractor.extract(raw, (part) => this.corrector.correct(this.expand(normalizeText(part))));
    // Mostly words the examples never use ("what a lovely day"): whatever one known word suggests, it is not that.
    if (this.unfamiliar(marked)) return { intent: 'None', score: 1, entities, via: 'model', text };
    const classifications = (await this.classifier.classify(marked)).filter((c) => c.score > 0);
    const [best, second] = classifications;
    let intent: Intent | 'None' = best && best.intent !== 'None' && best.intent !== 'offTopic' ? best.intent : 'None';
    let score = best?.score ?? 0;
    // Naming a program and little else ("outlook 2016", "thunderbird i think") is answering which one.
    if (entities.program && (intent === 'None' || score < this.settings.confident) && marked.split(' ').length <= 4) {
      intent = 'program';
      score = 1;
    }
    const understood: Understood = { intent, score, entities, via: 'model', text };
    if (intent === 'None') return understood;
    const needed = this.minimumConfidence[intent] ?? this.settings.confident;
    if (score >= needed) return understood;
    if (score < this.settings.plausible) return { ...understood, intent: 'None' };
    // Plausible but not sure: two close readings are asked about; one reading clearly ahead is taken, unless
    // it is one that needs more confidence ("start over"), which is asked about too.
    const rival = second && second.intent !== 'None' && second.intent !== 'offTopic' && second.score >= score / 2 ? (second.intent as Intent) : undefined;
    if (rival) return { ...understood, unsure: [intent, rival] };
    return needed > this.settings.confident ? { ...understood, unsure: [intent] } : understood;
  }

  private namesToolsMenu(text: string): boolean {
    const words = text.split(' ');
    return this.toolsMenuWords.some((word) => words.includes(word));
  }

  /** Shorthand words spelled out ("xq" -> "por que"), before typos are corrected. */
  private expand(normalized: string): string {
    return expandShorthand(normalized, this.shorthand);
  }

  private unfamiliar(marked: string): boolean {
    const words = marked.split(' ').filter((word) => word.length > 2 && !stopwordsOf[this.language].isStopword(word));
    if (words.length < 2) return false;
    const known = words.filter((word) => this.vocabulary.has(word)).length;
    return known / words.length < 0.5;
  }

  /** Applies the context rules: "yes" on a step is done, in the test email question it worked, ... */
  inContext(understood: Understood, context: UnderstandingContext): Understood {
    const rules = this.contexts[context] ?? {};
    const mapped = understood.intent === 'None' ? undefined : rules[understood.intent];
    const unsure = understood.unsure ? [...new Set(understood.unsure.map((intent) => rules[intent] ?? intent))] : undefined;
    const result = { ...understood, intent: mapped ?? understood.intent, unsure };
    // Two close readings that mean the same thing here ("nope, still the same": same error or failed, both
    // "failed" in the test email question) leave nothing to ask about.
    if (understood.unsure && understood.unsure.length > 1 && unsure?.length === 1) {
      result.intent = unsure[0];
      result.unsure = undefined;
    }
    const code = result.entities.errorCode;
    // Which error it is, by its code: 550 / 5.7.1 / relay is the one these steps fix; any other is different.
    if (context === 'errorKind' && code && !['human', 'startOver', 'forgetMe', 'frustration'].includes(understood.intent)) {
      result.intent = this.sameErrorCodes.includes(code) ? 'sameError' : 'differentError';
      result.unsure = undefined;
    }
    // Asked whether the test email went through, an error code in the answer ("still getting 550", "now I get
    // 0x800CCC0E") says it did not, whatever else the words resemble; only words that say it worked stand. The
    // code named as gone ("not getting the 550 error anymore") says it did, though the words resemble "failed".
    if (context === 'verifying' && code && !(understood.intent === 'worked' && !understood.unsure) && !verifyingKeeps.has(understood.intent)) {
      const reading = codeReading(understood.text, code, this.goneWords);
      if (reading === 'there') result.intent = this.sameErrorCodes.includes(code) ? 'sameError' : 'differentError';
      else if (reading === 'gone' && (result.intent === 'failed' || result.intent === 'None' || result.unsure)) result.intent = 'worked';
      if (reading !== 'either') result.unsure = undefined;
    }
    // Asked whether there is a Tools menu, an answer that names the menu says it: negated, there is none.
    if (context === 'version' && this.namesToolsMenu(understood.text) && !versionQuestions.has(understood.intent)) {
      result.intent = understood.text.split(' ').some((word) => this.goneWords.negations.has(word)) ? 'no' : 'yes';
      result.unsure = undefined;
    }
    // On a step, the code named as gone ("I'm not getting the 550 anymore", "ya no me sale el 550") says it works
    // already, whatever the words resemble: the bot asks for the test email.
    if (context === 'steps' && code && this.sameErrorCodes.includes(code) && !verifyingKeeps.has(understood.intent) && codeReading(understood.text, code, this.goneWords) === 'gone') {
      result.intent = 'worked';
      result.unsure = undefined;
      return result;
    }
    // On a step, an error code beside words that only look like a question ("still getting 550") is the error
    // being reported: these steps are what fixes it. So it is before the program is known ("hi, I get error 550").
    if ((context === 'steps' || context === 'choosing') && code && (result.unsure || result.intent === 'None' || result.intent.startsWith('ask.')) && codeReading(understood.text, code, this.goneWords) !== 'gone') {
      result.intent = 'reportError';
      result.unsure = undefined;
    }
    return result;
  }
}
