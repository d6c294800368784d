import { ivrLanguage } from '../../src/phone/ivrLanguage';
import { languageOfReplies } from '../../src/phone/callLanguage';

test.each([
  [{ 'X-MS-Custom-Language': 'es' }, 'es'],
  [{ 'x-ms-custom-language': 'es-MX' }, 'es'],
  [{ 'X-Language': 'es_US' }, 'es'],
  [{ language: 'Español' }, 'es'],
  [{ Lang: 'spanish' }, 'es'],
  [{ 'X-MS-Custom-Locale': 'en-US' }, 'en'],
  [{ 'X-MS-Custom-Language': 'fr' }, undefined],
  [{ 'X-MS-Custom-QueuePosition': 'es' }, undefined],
  [{ 'X-MS-Custom-Languages': 'es' }, undefined],
  [{}, undefined],
])('the IVR context %j says the caller speaks %s', (context, language) => {
  expect(ivrLanguage(context)).toBe(language);
});

test("a turn's language is the locale of its last message; events and messages without one do not say", () => {
  expect(languageOfReplies([{ type: 'message', locale: 'en-US' }, { type: 'message', locale: 'es-US' }, { type: 'event', locale: 'en-US' }])).toBe('es');
  expect(languageOfReplies([{ type: 'message', locale: 'es-US' }, { type: 'message' }])).toBe('es');
  expect(languageOfReplies([{ type: 'event', name: 'handoff.initiate' }])).toBeUndefined();
  expect(languageOfReplies([])).toBeUndefined();
});
