import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { ContentError, defaultContentDir, loadContent } from '../../src/content/loader';
import { placeholdersIn } from '../../src/content/placeholders';
import { staffMessageSections } from '../../src/content/translationSchema';
import { contentCopy, editJson } from '../support/contentCopy';

const isp = loadConfig({}).isp;


function readJson(...parts: string[]): any {
  return JSON.parse(fs.readFileSync(path.join(defaultContentDir, ...parts), 'utf8'));
}

/** Every string of a JSON value by its path. */
function strings(value: unknown, at = ''): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${at}.${i}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => strings(item, at ? `${at}.${key}` : key));
  return [];
}

const placeholderSet = (text: string) => [...new Set(placeholdersIn(text))].sort();

describe('the Spanish tree (src/content/es)', () => {
  test('says every customer-facing message the English says, with the same placeholders', () => {
    const english = readJson('messages.json');
    const spanish = readJson('es', 'messages.json');
    for (const section of staffMessageSections) {
      delete english[section];
      expect(spanish[section]).toBeUndefined();
    }
    const spanishStrings = new Map(strings(spanish));
    const englishStrings = strings(english);
    expect(englishStrings.length).toBeGreaterThan(140);
    for (const [at, text] of englishStrings) {
      expect([at, spanishStrings.has(at)]).toEqual([at, true]);
      expect([at, placeholderSet(spanishStrings.get(at)!)]).toEqual([at, placeholderSet(text)]);
    }
  });

  test('has every procedure with the same number of steps, and each step keeps its on-screen labels', () => {
    const content = loadContent(isp);
    const spanish = content.localized.es;
    expect(spanish.clients.map((c) => [c.id, c.steps.length])).toEqual(content.clients.map((c) => [c.id, c.steps.length]));
    for (const [i, client] of content.clients.entries()) {
      for (const [n, step] of client.steps.entries()) {
        const translated = spanish.clients[i].steps[n];
        expect(translated.text).not.toBe(step.text);
        // What a step expects and how long it may take come from the English file.
        expect([translated.expects, translated.expectedSeconds]).toEqual([step.expects, step.expectedSeconds]);
        for (const label of step.text.match(/\*\*[^*]+\*\*/g) ?? []) expect([client.id, n + 1, translated.text.includes(label)]).toEqual([client.id, n + 1, true]);
      }
    }
    expect(spanish.clients[0].steps[0].text).toBe('Haga clic en el menú **Tools** (Herramientas) y luego elija **Accounts** (Cuentas).');
  });

  test('keeps what technicians and support staff read in English', () => {
    const content = loadContent(isp);
    expect(content.localized.es.messages.desk).toEqual(content.messages.desk);
    expect(content.localized.es.messages.handoffSummary).toEqual(content.messages.handoffSummary);
    expect(content.localized.es.messages.supportDashboard).toEqual(content.messages.supportDashboard);
    expect(content.localized.es.messages.greeting).toBe('Hola, soy Stepwise, el asistente de correo de Internet America.');
  });

  test('fills server names for a Spanish voice ("punto") and for the screen', () => {
    const { es } = loadContent(isp).localized;
    expect(es.clients[0].steps[4].text).toContain('**smtp.airmail.net**');
    expect(JSON.stringify(es.clients.map((c) => c.steps.map((s) => s.spoken)))).toContain('smtp punto airmail punto net');
  });
});

describe('a translation that is not complete stops start-up, naming the file and the key', () => {
  test('a missing message', () => {
    const dir = contentCopy();
    editJson(path.join(dir, 'es', 'messages.json'), (data) => delete data.handoff.checkIn);
    expect(() => loadContent(isp, dir)).toThrow(new ContentError('Content error in es/messages.json: handoff.checkIn is missing (no translation)'));
  });

  test('a missing procedure file', () => {
    const dir = contentCopy();
    fs.rmSync(path.join(dir, 'es', 'clients', 'outlook-2007.json'));
    expect(() => loadContent(isp, dir)).toThrow(new ContentError('Content error in es/clients/outlook-2007.json: file is missing (no translation of clients/outlook-2007.json)'));
  });

  test('a step too few', () => {
    const dir = contentCopy();
    editJson(path.join(dir, 'es', 'clients', 'outlook-express.json'), (data) => data.steps.pop());
    expect(() => loadContent(isp, dir)).toThrow(new ContentError('Content error in es/clients/outlook-express.json: steps has 7 entries; the English has 8'));
  });

  test('a step without its help', () => {
    const dir = contentCopy();
    editJson(path.join(dir, 'es', 'clients', 'outlook-express.json'), (data) => delete data.steps[2].hint);
    expect(() => loadContent(isp, dir)).toThrow(/^Content error in es\/clients\/outlook-express\.json: steps\.2\.hint/);
  });

  test('a placeholder dropped', () => {
    const dir = contentCopy();
    editJson(path.join(dir, 'es', 'messages.json'), (data) => {
      data.stepHeading = 'Paso {n}';
    });
    expect(() => loadContent(isp, dir)).toThrow(new ContentError('Content error in es/messages.json: stepHeading must use the same placeholders as the English ({n}, {total})'));
  });

  test('a key the English does not have', () => {
    const dir = contentCopy();
    editJson(path.join(dir, 'es', 'answers.json'), (data) => {
      data.errors['999'] = { text: 'Otro error.' };
    });
    expect(() => loadContent(isp, dir)).toThrow(new ContentError('Content error in es/answers.json: errors.999 is not in the English file'));
  });

  test('an intent with no Spanish examples', () => {
    const dir = contentCopy();
    editJson(path.join(dir, 'es', 'understanding', 'intents.json'), (data) => delete data.intents.human);
    expect(() => loadContent(isp, dir)).toThrow(/^Content error in es\/understanding\/intents\.json: intents\.human /);
  });
});
