import type { TurnContext } from 'botbuilder';
import { baseLanguage, isLanguage, Language } from '../content/languages';
import type { Content } from '../content/loader';

/** How the customer's language was chosen; an explicit choice is never overridden by detection. */
export type LanguageSource = 'explicit' | 'detected' | 'locale' | 'default' | 'returning';

/** Kept in the customer's state beside their progress, so a restart, a handoff and a return visit keep it. */
export interface CustomerLanguage {
  code: Language;
  source: LanguageSource;
  /** The customer's messages read for language detection so far (counted up to the first few). */
  heard: number;
}

/** The customer state property that holds it. */
export const customerLanguageProperty = 'language';

const turnKey = Symbol('stepwise.language');

interface TurnLanguage {
  language: Language;
  /** The customer's message did nothing but choose a language ("español"): the open question is asked again in it. */
  requested?: boolean;
}

/** The language this turn speaks to the customer in: chosen for a customer's turn, read from their state otherwise. */
export function turnLanguage(context: TurnContext): Language {
  return (context.turnState.get(turnKey) as TurnLanguage | undefined)?.language ?? baseLanguage;
}

export function setTurnLanguage(context: TurnContext, language: Language, requested = false): void {
  context.turnState.set(turnKey, { language, requested } satisfies TurnLanguage);
}

/** True when the customer's message only asked for a language: nothing else in it is to be answered. */
export function languageRequested(context: TurnContext): boolean {
  return (context.turnState.get(turnKey) as TurnLanguage | undefined)?.requested === true;
}

/** The stored language of a customer state document, if it names one. */
export function storedLanguage(state: Record<string, unknown> | undefined): Language | undefined {
  const stored = state?.[customerLanguageProperty] as Partial<CustomerLanguage> | undefined;
  return isLanguage(stored?.code) ? stored.code : undefined;
}

/**
 * A turn outside the customer's own (a check-in, a technician's words relayed) speaks the language stored with
 * them; called when their state is loaded, it does not override a language this turn already chose.
 */
export function adoptStoredLanguage(context: TurnContext, state: Record<string, unknown>): void {
  const stored = storedLanguage(state);
  if (stored && !context.turnState.has(turnKey)) setTurnLanguage(context, stored);
}

/** The content in this turn's language. */
export function localContent(content: Content, context: TurnContext): Content {
  return content.localized[turnLanguage(context)];
}
