import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import { loadTeamsContent } from '../../scripts/teams/content';
import { TeamsPackageError } from '../../scripts/teams/errors';
import { buildTeamsPackage, PACKAGE_FILE_NAME } from '../../scripts/teams/package';

const BOT_ID = '00000000-0000-0000-0000-0000000000b7';
const REPO_ROOT = join(__dirname, '..', '..');
const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/;

let outDir: string;
beforeEach(() => {
  outDir = mkdtempSync(join(tmpdir(), 'stepwise-teams-'));
});
afterEach(() => rmSync(outDir, { recursive: true, force: true }));

function openPackage(env: Record<string, string>) {
  const { zipPath } = buildTeamsPackage({ outDir, env });
  const zip = new AdmZip(zipPath);
  const entry = (name: string): Buffer => {
    const found = zip.getEntry(name);
    if (!found) throw new Error(`${name} missing from the package`);
    return found.getData();
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const manifest = JSON.parse(entry('manifest.json').toString('utf8')) as any;
  return { zipPath, zip, entry, manifest };
}

/** Width and height from a PNG's signature and IHDR chunk. */
function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(data.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe('Teams app package', () => {
  test('is a zip with manifest.json, the Spanish texts and both icons at its root', () => {
    const { zipPath, zip } = openPackage({ MicrosoftAppId: BOT_ID });
    expect(zipPath).toBe(join(outDir, PACKAGE_FILE_NAME));
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'es-us.json', 'manifest.json', 'outline.png']);
  });

  test('manifest has the required fields of the current schema', () => {
    const { manifest } = openPackage({ MicrosoftAppId: BOT_ID });
    expect(manifest.manifestVersion).toMatch(/^1\.(19|2\d)$/);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.id).toMatch(GUID);
    expect(manifest.developer).toEqual({
      name: 'Internet America',
      websiteUrl: expect.stringMatching(/^https:\/\//),
      privacyUrl: expect.stringMatching(/^https:\/\//),
      termsOfUseUrl: expect.stringMatching(/^https:\/\//),
    });
    expect(manifest.name.short).toBe('Stepwise');
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full).toContain('Internet America');
    expect(manifest.description.short.length).toBeGreaterThan(0);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full).toContain('550');
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest.accentColor).toMatch(/^#[0-9a-fA-F]{6}$/);
    expect(manifest.validDomains.length).toBeGreaterThan(0);
    for (const domain of manifest.validDomains) expect(domain).not.toMatch(/^https?:|\//);
  });

  test('bot entry: the given bot id, three scopes, no files, start/help/technician for every scope', () => {
    const { manifest } = openPackage({ MicrosoftAppId: BOT_ID });
    expect(manifest.bots).toHaveLength(1);
    const [bot] = manifest.bots;
    expect(bot.botId).toBe(BOT_ID);
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(false);
    const listed = bot.commandLists.flatMap((list: { scopes: string[] }) => list.scopes).sort();
    expect(listed).toEqual(['groupChat', 'personal', 'team']);
    for (const list of bot.commandLists) {
      expect(list.commands.map((c: { title: string }) => c.title)).toEqual(['start', 'help', 'technician']);
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description.length).toBeGreaterThan(0);
        expect(command.description.length).toBeLessThanOrEqual(128);
      }
    }
    const start = bot.commandLists[0].commands[0];
    expect(start.description).toMatch(/550/);
    const technician = bot.commandLists[0].commands[2];
    expect(technician.description).toMatch(/person/i);
  });

  test('icons: color.png is 192x192, outline.png is 32x32 white on transparent', () => {
    const { entry } = openPackage({ MicrosoftAppId: BOT_ID });
    expect(pngSize(entry('color.png'))).toEqual({ width: 192, height: 192 });
    expect(pngSize(entry('outline.png'))).toEqual({ width: 32, height: 32 });

    const outline = PNG.sync.read(entry('outline.png'));
    let drawn = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      if (outline.data[i + 3] === 0) continue;
      drawn++;
      expect([outline.data[i], outline.data[i + 1], outline.data[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(drawn).toBeGreaterThan(50);
    expect(outline.data[3]).toBe(0); // top-left corner is transparent

    const color = PNG.sync.read(entry('color.png'));
    expect(color.data[3]).toBe(255); // full-bleed colour background
  });

  test('app id: fixed default from the content file, or TEAMS_APP_ID; company and URLs from env', () => {
    const byDefault = openPackage({ MicrosoftAppId: BOT_ID }).manifest;
    expect(byDefault.id).toBe(loadTeamsContent().defaultAppId);
    expect(openPackage({ MicrosoftAppId: BOT_ID }).manifest.id).toBe(byDefault.id);

    const custom = openPackage({
      MicrosoftAppId: BOT_ID,
      TEAMS_APP_ID: '11111111-2222-3333-4444-555555555555',
      TEAMS_COMPANY_NAME: 'Example ISP',
      TEAMS_WEBSITE_URL: 'https://support.example.net/',
      TEAMS_PRIVACY_URL: 'https://support.example.net/privacy',
      TEAMS_TERMS_URL: 'https://support.example.net/terms',
      TEAMS_VALID_DOMAINS: 'bot.example.net, support.example.net',
    }).manifest;
    expect(custom.id).toBe('11111111-2222-3333-4444-555555555555');
    expect(custom.developer).toEqual({
      name: 'Example ISP',
      websiteUrl: 'https://support.example.net/',
      privacyUrl: 'https://support.example.net/privacy',
      termsOfUseUrl: 'https://support.example.net/terms',
    });
    expect(custom.name.full).toContain('Example ISP');
    expect(custom.description.full).toContain('Example ISP');
    expect(custom.validDomains).toEqual(['bot.example.net', 'support.example.net']);
  });

  test.each([
    ['missing', {}, /^MicrosoftAppId is not set/],
    ['empty', { MicrosoftAppId: '  ' }, /^MicrosoftAppId is not set/],
    ['not a GUID', { MicrosoftAppId: 'my-bot' }, /^MicrosoftAppId must be a GUID/],
  ])('MicrosoftAppId %s: fails with one clear line and writes nothing', (_label, env, message) => {
    let caught: unknown;
    try {
      buildTeamsPackage({ outDir, env });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TeamsPackageError);
    const text = (caught as Error).message;
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
    expect(existsSync(join(outDir, PACKAGE_FILE_NAME))).toBe(false);
  });

  test('other bad settings name their variable', () => {
    expect(() => buildTeamsPackage({ outDir, env: { MicrosoftAppId: BOT_ID, TEAMS_APP_ID: 'x' } })).toThrow(/^TEAMS_APP_ID must be a GUID/);
    expect(() => buildTeamsPackage({ outDir, env: { MicrosoftAppId: BOT_ID, TEAMS_PRIVACY_URL: 'http://x.test/' } })).toThrow(
      /^TEAMS_PRIVACY_URL must be an https:\/\/ URL/,
    );
    expect(() => buildTeamsPackage({ outDir, env: { MicrosoftAppId: BOT_ID, TEAMS_VALID_DOMAINS: 'https://a.test' } })).toThrow(
      /^TEAMS_VALID_DOMAINS /,
    );
  });
});

describe('npm run teams:package (scripts/teams-package.ts)', () => {
  const tsx = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const script = join(REPO_ROOT, 'scripts', 'teams-package.ts');
  // cwd is the temp dir, so no developer .env is read; an empty value also wins over any .env.
  const run = (env: Record<string, string>) =>
    spawnSync(tsx, [script, '--out', outDir], { cwd: outDir, env: { ...process.env, ...env }, encoding: 'utf8' });

  test('prints the zip path', () => {
    const result = run({ MicrosoftAppId: BOT_ID });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(join(outDir, PACKAGE_FILE_NAME));
    expect(JSON.parse(new AdmZip(join(outDir, PACKAGE_FILE_NAME)).readAsText('manifest.json')).bots[0].botId).toBe(BOT_ID);
  });

  test('without MicrosoftAppId: exit 1 and one line on stderr naming the variable', () => {
    const result = run({ MicrosoftAppId: '' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^teams:package: MicrosoftAppId is not set/);
  });
});

test('content data file is the single source of the words', () => {
  const raw = JSON.parse(readFileSync(join(REPO_ROOT, 'teams', 'app-content.json'), 'utf8'));
  expect(raw.product).toBe('Stepwise');
  expect(raw.defaults.companyName).toBe('Internet America');
});
