import path from 'node:path';
import type { Language } from './languages';
import type { ClientContent, Lexicon, Messages } from './schema';
import { placeholdersIn } from './placeholders';
import type { AnswersFile, EntitiesFile, IntentsFile } from './understandingSchema';
import { TranslatedClient, TranslatedEntities, TranslatedIntents, TranslatedLexicon, TranslatedMessages } from './translationSchema';

/** Thrown as the loader's ContentError (passed in, so this file does not import the loader). */
type Fail = (message: string) => Error;

const placeholderSet = (text: string) => [...new Set(placeholdersIn(text))].sort().join(',');

/**
 * A translation must say everything the English says, with the same placeholders, and nothing the English
 * does not: `english` is walked key by key (arrays by position), `translated` must match its shape.
 */
export function checkSameShape(english: unknown, translated: unknown, file: string, fail: Fail, at = ''): void {
  const where = at || 'file';
  if (typeof english === 'string') {
    if (typeof translated !== 'string') throw fail(`Content error in ${file}: ${where} is missing (no translation)`);
    if (placeholderSet(english) !== placeholderSet(translated)) {
      throw fail(`Content error in ${file}: ${where} must use the same placeholders as the English ({${placeholdersIn(english).join('}, {')}})`);
    }
    return;
  }
  if (Array.isArray(english)) {
    if (!Array.isArray(translated)) throw fail(`Content error in ${file}: ${where} is missing (no translation)`);
    if (translated.length !== english.length) throw fail(`Content error in ${file}: ${where} has ${translated.length} entries; the English has ${english.length}`);
    english.forEach((item, i) => checkSameShape(item, translated[i], file, fail, `${at ? `${at}.` : ''}${i}`));
    return;
  }
  if (english && typeof english === 'object') {
    if (!translated || typeof translated !== 'object') throw fail(`Content error in ${file}: ${where} is missing (no translation)`);
    for (const [key, value] of Object.entries(english)) {
      if (typeof value === 'boolean' || typeof value === 'number') continue;
      const next = at ? `${at}.${key}` : key;
      if (!(key in translated)) throw fail(`Content error in ${file}: ${next} is missing (no translation)`);
      checkSameShape(value, (translated as Record<string, unknown>)[key], file, fail, next);
    }
    for (const key of Object.keys(translated)) {
      if (key !== 'source' && !(key in english)) throw fail(`Content error in ${file}: ${at ? `${at}.` : ''}${key} is not in the English file`);
    }
  }
}

/** The English messages with every customer-facing section in this language (staff sections stay English). */
export function translatedMessages(english: Messages, translated: TranslatedMessages): Messages {
  const { source: _source, ...words } = translated;
  return { ...english, ...words };
}

/** Only the words a step says: what is checked and replaced. */
function stepWords(step: ClientContent['steps'][number]) {
  return { title: step.title, text: step.text, spoken: step.spoken, hint: step.hint, answers: step.answers };
}

export function translatedClient(english: ClientContent, translated: TranslatedClient | undefined, file: string, fail: Fail): ClientContent {
  if (!translated) throw fail(`Content error in ${file}: file is missing (no translation of clients/${english.id}.json)`);
  if (translated.id !== english.id) throw fail(`Content error in ${file}: id "${translated.id}" must be "${english.id}", as in the English file`);
  const words = english.steps.map(stepWords);
  checkSameShape(JSON.parse(JSON.stringify(words)), translated.steps, file, fail, 'steps');
  const names = { displayName: translated.displayName ?? english.displayName, versionLabel: translated.versionLabel ?? english.versionLabel };
  return { ...english, ...names, steps: english.steps.map((step, i) => ({ ...step, ...translated.steps[i] })) };
}

export function translatedIntents(english: IntentsFile, translated: TranslatedIntents, file: string, fail: Fail): IntentsFile {
  for (const [intent, { commands, examples }] of Object.entries(translated.intents)) {
    if (commands.length + examples.length === 0) throw fail(`Content error in ${file}: intents.${intent} has no commands or examples`);
  }
  return { ...english, ...translated };
}

/** The English entities with this language's program names, cues and error texts added. */
export function translatedEntities(english: EntitiesFile, translated: TranslatedEntities, file: string, fail: Fail): EntitiesFile {
  const programs = english.programs.map((program) => ({
    ...program,
    synonyms: [...program.synonyms, ...translated.programs.filter((p) => p.id === program.id).flatMap((p) => p.synonyms)],
  }));
  const unknown = translated.programs.find((p) => !english.programs.some((program) => program.id === p.id));
  if (unknown) throw fail(`Content error in ${file}: programs names "${unknown.id}", which understanding/entities.json does not`);
  const codes = new Set(english.errorCodes.map((c) => c.code));
  const newCode = translated.errorCodes.find((c) => !codes.has(c.code));
  if (newCode) throw fail(`Content error in ${file}: errorCodes names "${newCode.code}", which understanding/entities.json does not`);
  return {
    ...english,
    programs,
    nameCues: [...english.nameCues, ...translated.nameCues],
    notNames: [...english.notNames, ...translated.notNames],
    errorCodes: [...english.errorCodes, ...translated.errorCodes],
    outlookByToolsMenu: { ...english.outlookByToolsMenu, menuWords: [...english.outlookByToolsMenu.menuWords, ...translated.toolsMenuWords] },
  };
}

/**
 * The exact-phrase lexicon understands every language at once (a customer's "cancel" or "cancelar" while
 * waiting both cancel): the lists are joined, ordinals position by position.
 */
export function joinedLexicon(english: Lexicon, translated: TranslatedLexicon, file: string, fail: Fail): Lexicon {
  if (translated.ordinals.length !== english.ordinals.length) {
    throw fail(`Content error in ${file}: ordinals has ${translated.ordinals.length} entries; the English has ${english.ordinals.length}`);
  }
  const intents = Object.fromEntries(
    Object.entries(english.intents).map(([name, { exact, contains }]) => {
      const other = translated.intents[name as keyof Lexicon['intents']];
      return [name, { exact: [...exact, ...other.exact], contains: [...contains, ...other.contains] }];
    }),
  ) as Lexicon['intents'];
  return {
    ...english,
    fillerWords: [...english.fillerWords, ...translated.fillerWords],
    intents,
    ordinals: english.ordinals.map((words, i) => [...words, ...translated.ordinals[i]]),
    digits: english.digits.map((words, i) => [...words, ...translated.digits[i]]),
    notPasswords: [...english.notPasswords, ...translated.notPasswords],
    handoffCancel: [...english.handoffCancel, ...translated.handoffCancel],
  };
}

export function answersWithSameShape(english: AnswersFile, translated: AnswersFile, file: string, fail: Fail): AnswersFile {
  const { source: _a, ...englishWords } = english;
  const { source: _b, ...words } = translated;
  checkSameShape(englishWords, words, file, fail);
  return translated;
}

/** Where a language's tree is: src/content/es for Spanish. */
export function translationDir(dir: string, language: Language): string {
  return path.join(dir, language);
}
