import type { TurnContext } from 'botbuilder';
import type { Language } from '../content/languages';
import { turnLanguage } from '../customer/language';
import { LanguageDetector } from './languageDetection';
import type { Understanding, Understood, UnderstandingContext } from './understanding';

const turnKey = Symbol('stepwise.understood');

interface Reading {
  /** The language's understanding that read the message: its context rules apply. */
  model: Understanding;
  understood: Understood;
}

interface TurnEntry {
  text: string;
  language: Language;
  reading: Promise<Reading>;
}

const detectors = new WeakMap<Record<Language, Promise<Understanding>>, Promise<LanguageDetector>>();

function detectorFor(models: Record<Language, Promise<Understanding>>): Promise<LanguageDetector> {
  let detector = detectors.get(models);
  if (!detector) {
    detector = Promise.all(Object.values(models)).then((trained) => new LanguageDetector(trained));
    detectors.set(models, detector);
  }
  return detector;
}

/**
 * Read as a bilingual agent would: in the customer's language first; a message that language does not
 * understand and that is written in another ("listo" from a customer the bot speaks English with) is read in
 * that one, and a confident reading there is taken. Which language the bot answers in is decided elsewhere
 * (LanguageChooser). Only a message written in the other language goes there: a model reading words it was
 * not made for can be confidently wrong.
 */
export async function readBilingual(text: string, language: Language, models: Record<Language, Promise<Understanding>>): Promise<Reading> {
  const primary = await models[language];
  const understood = await primary.interpret(text);
  if (understood.intent !== 'None' && !understood.unsure) return { model: primary, understood };
  const written = (await detectorFor(models)).detect(text, 'firstMessages');
  if (!written || written === language) return { model: primary, understood };
  const other = await models[written];
  const elsewhere = await other.interpret(text);
  if (elsewhere.intent !== 'None' && !elsewhere.unsure) return { model: other, understood: elsewhere };
  return { model: primary, understood };
}

/**
 * What this turn's message means in `where`. The classifier runs once per turn (the interruptions and
 * then the open question both ask), and again only if the message text (or the turn's language) changed in between.
 */
export async function understandTurn(
  context: TurnContext,
  models: Record<Language, Promise<Understanding>>,
  where: UnderstandingContext,
): Promise<Understood> {
  const text = context.activity.text ?? '';
  const language = turnLanguage(context);
  let entry = context.turnState.get(turnKey) as TurnEntry | undefined;
  if (!entry || entry.text !== text || entry.language !== language) {
    entry = { text, language, reading: readBilingual(text, language, models) };
    context.turnState.set(turnKey, entry);
  }
  const { model, understood } = await entry.reading;
  return model.inContext(understood, where);
}
