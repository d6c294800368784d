import { Language, languageOfLocale } from '../content/languages';

/** What the header is called once ACS's `X-MS-Custom-` prefix (or a plain `X-`) is taken off. */
const languageHeaders = new Set(['language', 'lang', 'locale']);
/** Some IVRs name the language rather than give its code. */
const languageNames: Record<string, Language> = { english: 'en', ingles: 'en', spanish: 'es', espanol: 'es' };

/**
 * The language the caller chose in the ISP's IVR ("para español, oprima dos"), when the IVR put it on the
 * call: a SIP / VoIP header such as `X-MS-Custom-Language: es`, `X-Language: es-MX` or `language: Spanish`.
 * Undefined when there is none, or it names a language Stepwise does not speak.
 */
export function ivrLanguage(ivrContext: Record<string, string>): Language | undefined {
  for (const [header, value] of Object.entries(ivrContext)) {
    const name = header.trim().toLowerCase().replace(/^x-ms-custom-/, '').replace(/^x-/, '');
    if (!languageHeaders.has(name)) continue;
    const word = value.trim().toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    const language = languageOfLocale(word) ?? languageNames[word];
    if (language) return language;
  }
  return undefined;
}
