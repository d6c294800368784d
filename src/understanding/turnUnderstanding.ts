import type { TurnContext } from 'botbuilder';
import type { Language } from '../content/languages';
import { turnLanguage } from '../customer/language';
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

/**
 * Read as a bilingual agent would: in the customer's language first; a message that language does not
 * understand ("listo" from a customer the bot speaks English with) is read in the others, and a confident
 * reading there is taken. Which language the bot answers in is decided elsewhere (LanguageChooser).
 */
export async function readBilingual(text: string, language: Language, models: Record<Language, Promise<Understanding>>): Promise<Reading> {
  const primary = await models[language];
  const understood = await primary.interpret(text);
  if (understood.intent !== 'None' && !understood.unsure) return { model: primary, understood };
  for (const [other, model] of Object.entries(models) as [Language, Promise<Understanding>][]) {
    if (other === language) continue;
    const elsewhere = await (await model).interpret(text);
    if (elsewhere.intent !== 'None' && !elsewhere.unsure) return { model: await model, understood: elsewhere };
  }
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
