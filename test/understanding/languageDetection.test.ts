import { loadConfig } from '../../src/config/config';
import { loadContent } from '../../src/content/loader';
import { LanguageDetector } from '../../src/understanding/languageDetection';
import { trainedUnderstandings } from '../../src/understanding/trained';

let detector: LanguageDetector;
beforeAll(async () => {
  const models = trainedUnderstandings(loadContent(loadConfig({}).isp));
  detector = new LanguageDetector([await models.en, await models.es]);
});

test.each([
  ['hola', 'es'],
  ['listo', 'es'],
  ['hola, tengo un error 550 cuando envío correo', 'es'],
  ['quiero hablar con una persona', 'es'],
  ['ya le di click', 'es'],
  ['no encuentro el menu', 'es'],
  ['good morning', 'en'],
  ['done', 'en'],
  ['my email wont send', 'en'],
  ['I need a technician', 'en'],
])('on the first messages a word or two decide: %s -> %s', (text, language) => {
  expect(detector.detect(text, 'firstMessages')).toBe(language);
});

test.each(['ok', 'no', 'outlook express', '550', 'outlok expres', 'smtp.airmail.net', 'Outlook 2016', '1'])(
  'words both languages use, and typos of program names, decide nothing: %s',
  (text) => {
    expect(detector.detect(text, 'firstMessages')).toBeUndefined();
  },
);

test('later in the conversation only a clear sentence changes the language', () => {
  expect(detector.detect('listo', 'later')).toBeUndefined();
  expect(detector.detect('no encuentro el botón de propiedades', 'later')).toBe('es');
  expect(detector.detect('I cannot find the properties button', 'later')).toBe('en');
});
