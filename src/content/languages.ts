/** The languages Stepwise speaks. English is the content's base tree (src/content); each other has a tree of its own (src/content/es). */
export const languages = ['en', 'es'] as const;
export type Language = (typeof languages)[number];

export const baseLanguage: Language = 'en';

/** The locale replies carry and voices speak (US English, US Spanish). */
export const localeOf: Record<Language, string> = { en: 'en-US', es: 'es-US' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The language of a locale ("es-MX" -> es), or undefined for one Stepwise does not speak. */
export function languageOfLocale(locale: string | undefined): Language | undefined {
  const code = locale?.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(code) ? code : undefined;
}
