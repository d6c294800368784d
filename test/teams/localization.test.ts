import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { normalizeText } from '../../src/understanding/normalize';
import { TeamsPackageError } from '../../scripts/teams/errors';
import { buildTeamsPackage, PACKAGE_FILE_NAME } from '../../scripts/teams/package';
import { tempDirForTest } from '../support/tempDirs';

const BOT_ID = '00000000-0000-0000-0000-0000000000b7';
const REPO_ROOT = join(__dirname, '..', '..');
const SPANISH_CONTENT = join(REPO_ROOT, 'teams', 'app-content.es.json');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function openPackage(options: { spanishContentPath?: string } = {}) {
  const outDir = tempDirForTest('stepwise-teams-l10n-');
  const { zipPath } = buildTeamsPackage({ outDir, env: { MicrosoftAppId: BOT_ID }, ...options });
  const zip = new AdmZip(zipPath);
  const read = (name: string): Json => {
    const entry = zip.getEntry(name);
    if (!entry) throw new Error(`${name} missing from the package`);
    return JSON.parse(entry.getData().toString('utf8'));
  };
  return { zip, manifest: read('manifest.json'), read };
}

/** Builds with a changed copy of the Spanish content file; returns the error (and checks nothing was written). */
function buildWithSpanish(change: (spanish: Json) => void): Error {
  const dir = tempDirForTest('stepwise-teams-es-');
  const spanish = JSON.parse(readFileSync(SPANISH_CONTENT, 'utf8'));
  change(spanish);
  const spanishContentPath = join(dir, 'app-content.es.json');
  writeFileSync(spanishContentPath, JSON.stringify(spanish));
  const outDir = join(dir, 'out');
  let caught: unknown;
  try {
    buildTeamsPackage({ outDir, env: { MicrosoftAppId: BOT_ID }, spanishContentPath });
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(TeamsPackageError);
  expect((caught as Error).message).not.toContain('\n');
  expect(existsSync(join(outDir, PACKAGE_FILE_NAME))).toBe(false);
  return caught as Error;
}

const commandKeys = (list: number, command: number) => [
  `bots[0].commandLists[${list}].commands[${command}].title`,
  `bots[0].commandLists[${list}].commands[${command}].description`,
];

describe('Teams app localization (English and Spanish)', () => {
  test('manifest.json names English as the default and es-us.json for US Spanish', () => {
    const { manifest } = openPackage();
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'en-us',
      additionalLanguages: [{ languageTag: 'es-us', file: 'es-us.json' }],
    });
  });

  test('es-us.json is at the root of the zip, next to manifest.json', () => {
    const { zip } = openPackage();
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'es-us.json', 'manifest.json', 'outline.png']);
  });

  test('es-us.json has exactly the localizable keys, with the localization schema of the manifest version', () => {
    const { manifest, read } = openPackage();
    const spanish = read('es-us.json');
    expect(Object.keys(spanish)).toEqual([
      '$schema',
      'name.short',
      'name.full',
      'description.short',
      'description.full',
      ...[0, 1, 2].flatMap((list) => [0, 1, 2].flatMap((command) => commandKeys(list, command))),
    ]);
    expect(manifest.bots[0].commandLists).toHaveLength(3);
    expect(spanish.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.Localization.schema.json`,
    );
  });

  test('es-us.json has the Spanish words, filled in and within the Teams limits', () => {
    const { read } = openPackage();
    const spanish = read('es-us.json');
    expect(spanish['name.short']).toBe('Stepwise');
    expect(spanish['name.full']).toBe('Stepwise: soporte de correo de Internet America');
    expect(spanish['description.short']).toBe('Arregle el "Error 550: Relay is not permitted" paso a paso.');
    expect(spanish['description.full']).toMatch(/^Stepwise es el asistente de soporte de Internet America para el error de correo "550: Relay is not permitted"\./);
    expect(spanish['description.full']).not.toMatch(/[{}]/);
    for (const list of [0, 1, 2]) {
      expect([0, 1, 2].map((c) => spanish[`bots[0].commandLists[${list}].commands[${c}].title`])).toEqual([
        'Empezar de nuevo',
        'Ayuda',
        'Hablar con un técnico',
      ]);
    }
    expect(spanish['bots[0].commandLists[0].commands[0].description']).toMatch(/550/);
    expect(spanish['bots[0].commandLists[0].commands[2].description']).toBe('Hable con una persona de nuestro equipo de soporte');

    expect(spanish['name.short'].length).toBeLessThanOrEqual(30);
    expect(spanish['name.full'].length).toBeLessThanOrEqual(100);
    expect(spanish['description.short'].length).toBeLessThanOrEqual(80);
    expect(spanish['description.full'].length).toBeLessThanOrEqual(4000);
    for (const [key, value] of Object.entries(spanish as Record<string, string>)) {
      if (key.endsWith('.title')) expect(value.length).toBeLessThanOrEqual(32);
      if (key.startsWith('bots[') && key.endsWith('.description')) expect(value.length).toBeLessThanOrEqual(128);
    }
  });

  test('each Spanish command is a phrase the Spanish bot understands as the English command', () => {
    const { manifest, read } = openPackage();
    const spanish = read('es-us.json');
    const commandsOf = (file: string): Map<string, string> => {
      const { intents } = JSON.parse(readFileSync(join(REPO_ROOT, 'src', 'content', file), 'utf8'));
      return new Map(
        Object.entries(intents as Record<string, { commands: string[] }>).flatMap(([intent, { commands }]) =>
          commands.map((phrase): [string, string] => [normalizeText(phrase), intent]),
        ),
      );
    };
    const english = commandsOf(join('understanding', 'intents.json'));
    const spanishCommands = commandsOf(join('es', 'understanding', 'intents.json'));
    const englishIntents = manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => english.get(normalizeText(c.title)));
    const spanishIntents = [0, 1, 2].map((c) => spanishCommands.get(normalizeText(spanish[`bots[0].commandLists[0].commands[${c}].title`])));
    expect(englishIntents).toEqual(['startOver', 'help', 'human']);
    expect(spanishIntents).toEqual(englishIntents);
  });

  test.each([
    ['description.short', (es: Json) => delete es.description.short],
    ['name.full', (es: Json) => delete es.name.full],
    ['commands.1.title', (es: Json) => delete es.commands[1].title],
  ])('a missing Spanish text (%s) stops the build, naming the file and the key', (key, change) => {
    const { message } = buildWithSpanish(change);
    expect(message).toContain('app-content.es.json');
    expect(message).toContain(`${key} is missing`);
  });

  test('a missing Spanish command, an unknown key or a changed placeholder stops the build', () => {
    expect(buildWithSpanish((es) => es.commands.pop()).message).toMatch(/commands has 2 entries; the English has 3/);
    expect(buildWithSpanish((es) => (es.name.nickname = 'Stepi')).message).toMatch(/name\.nickname is not in the English file/);
    expect(
      buildWithSpanish((es) => (es.name.full = '{product}: soporte de correo')).message,
    ).toMatch(/name\.full must use the same placeholders as the English/);
    expect(buildWithSpanish((es) => delete es.source).message).toMatch(/app-content\.es\.json: source /);
  });

  test('Spanish texts over the Teams limits stop the build', () => {
    expect(buildWithSpanish((es) => (es.name.short = '{product}: la ayuda de su correo')).message).toBe(
      'es-us.json name.short is 31 characters; the limit is 30',
    );
    expect(buildWithSpanish((es) => (es.description.short = 'x'.repeat(81))).message).toMatch(/^es-us\.json description\.short is 81 characters; the limit is 80$/);
    expect(buildWithSpanish((es) => (es.commands[0].title = 'x'.repeat(33))).message).toMatch(/app-content\.es\.json: commands\.0\.title /);
    expect(buildWithSpanish((es) => (es.commands[2].description = 'x'.repeat(129))).message).toMatch(/app-content\.es\.json: commands\.2\.description /);
  });
});
