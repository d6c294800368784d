import { ActivityTypes, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { Language, languageOfLocale } from '../content/languages';
import { CustomerLanguage, setTurnLanguage } from '../customer/language';
import type { IntentRecognizer } from '../understanding/intents';
import type { LanguageDetector } from '../understanding/languageDetection';

/** Messages in which the language is detected with a word or two; after them, only a clear sentence switches it. */
const firstMessages = 3;

export interface LanguageChooserOptions {
  language: StatePropertyAccessor<CustomerLanguage>;
  intents: IntentRecognizer;
  /** Waits for the understanding to be trained (its words are what detection counts). */
  detector: () => Promise<LanguageDetector>;
  /** DEFAULT_LANGUAGE: for a customer whose client says no locale Stepwise speaks. */
  defaultLanguage: Language;
}

/**
 * Decides, at the start of each customer turn, the language the bot answers in, in this order: the
 * customer's explicit choice ("español", "English", the greeting's button), detection on their first
 * messages, the activity's locale (Web Chat, Teams and the phone set it), DEFAULT_LANGUAGE. The choice is
 * kept in the customer's state (src/customer/language.ts), so it outlives the turn, a restart and a handoff.
 */
export class LanguageChooser {
  constructor(private readonly options: LanguageChooserOptions) {}

  async choose(context: TurnContext): Promise<void> {
    const { activity } = context;
    const saved = await this.options.language.get(context);
    let chosen: CustomerLanguage = saved ?? this.fromLocale(activity.locale);
    let requested = false;
    const text = activity.type === ActivityTypes.Message ? activity.text?.trim() : undefined;
    if (text) {
      const asked = this.options.intents.languageChoice(text);
      if (asked) {
        chosen = { code: asked.language, source: 'explicit', heard: chosen.heard };
        requested = asked.whole;
      } else if (chosen.source !== 'explicit') {
        const detector = await this.options.detector();
        const detected = detector.detect(text, chosen.heard < firstMessages ? 'firstMessages' : 'later');
        if (detected && detected !== chosen.code) chosen = { ...chosen, code: detected, source: 'detected' };
        if (chosen.heard < firstMessages) chosen = { ...chosen, heard: chosen.heard + 1 };
      }
    }
    if (!saved || saved.code !== chosen.code || saved.source !== chosen.source || saved.heard !== chosen.heard) {
      await this.options.language.set(context, chosen);
    }
    setTurnLanguage(context, chosen.code, requested);
  }

  /**
   * Taken from an earlier conversation (a returning customer's place): unless this conversation chose
   * otherwise, the customer is welcomed back in the language they used then.
   */
  async adopt(context: TurnContext, language: Language): Promise<void> {
    const saved = await this.options.language.get(context);
    if (saved?.source === 'explicit' || saved?.source === 'detected') return;
    await this.options.language.set(context, { code: language, source: 'returning', heard: saved?.heard ?? 0 });
    setTurnLanguage(context, language);
  }

  private fromLocale(locale: string | undefined): CustomerLanguage {
    const fromClient = languageOfLocale(locale);
    return fromClient ? { code: fromClient, source: 'locale', heard: 0 } : { code: this.options.defaultLanguage, source: 'default', heard: 0 };
  }
}
