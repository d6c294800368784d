/**
 * Writes the Teams app package: a zip with manifest.json, es-us.json (the Spanish texts),
 * color.png and outline.png at its root.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AdmZip from 'adm-zip';
import { DEFAULT_CONTENT_PATH, loadTeamsContent } from './content';
import { drawColorIcon, drawOutlineIcon } from './icons';
import { buildTeamsLocalization, SPANISH_LOCALIZATION } from './localization';
import { buildTeamsManifest, COLOR_ICON_FILE, OUTLINE_ICON_FILE, type TeamsManifest } from './manifest';
import { readTeamsPackageSettings, type Env } from './settings';
import { filledTexts } from './texts';
import { DEFAULT_SPANISH_CONTENT_PATH, loadTeamsTranslation } from './translation';

export const PACKAGE_FILE_NAME = 'stepwise-teams.zip';

export interface BuildTeamsPackageOptions {
  outDir: string;
  env: Env;
  contentPath?: string;
  spanishContentPath?: string;
}

export interface TeamsPackage {
  zipPath: string;
  manifest: TeamsManifest;
  /** es-us.json's content. */
  spanish: Record<string, string>;
}

const json = (data: unknown) => Buffer.from(JSON.stringify(data, null, 2) + '\n', 'utf8');

export function buildTeamsPackage({
  outDir,
  env,
  contentPath = DEFAULT_CONTENT_PATH,
  spanishContentPath = DEFAULT_SPANISH_CONTENT_PATH,
}: BuildTeamsPackageOptions): TeamsPackage {
  const content = loadTeamsContent(contentPath);
  const translation = loadTeamsTranslation(content, spanishContentPath);
  const settings = readTeamsPackageSettings(env, content);
  const manifest = buildTeamsManifest(content, settings);
  const spanishTexts = filledTexts(translation, content.product, settings.companyName, SPANISH_LOCALIZATION.file);
  const spanish = buildTeamsLocalization(manifest, spanishTexts);

  const zip = new AdmZip();
  zip.addFile('manifest.json', json(manifest));
  zip.addFile(SPANISH_LOCALIZATION.file, json(spanish));
  zip.addFile(COLOR_ICON_FILE, drawColorIcon(content.accentColor));
  zip.addFile(OUTLINE_ICON_FILE, drawOutlineIcon());

  mkdirSync(outDir, { recursive: true });
  const zipPath = resolve(join(outDir, PACKAGE_FILE_NAME));
  zip.writeZip(zipPath);
  return { zipPath, manifest, spanish };
}
