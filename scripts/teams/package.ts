/**
 * Writes the Teams app package: a zip with manifest.json, color.png and outline.png at its root.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AdmZip from 'adm-zip';
import { DEFAULT_CONTENT_PATH, loadTeamsContent } from './content';
import { drawColorIcon, drawOutlineIcon } from './icons';
import { buildTeamsManifest, COLOR_ICON_FILE, OUTLINE_ICON_FILE, type TeamsManifest } from './manifest';
import { readTeamsPackageSettings, type Env } from './settings';

export const PACKAGE_FILE_NAME = 'stepwise-teams.zip';

export interface BuildTeamsPackageOptions {
  outDir: string;
  env: Env;
  contentPath?: string;
}

export interface TeamsPackage {
  zipPath: string;
  manifest: TeamsManifest;
}

export function buildTeamsPackage({ outDir, env, contentPath = DEFAULT_CONTENT_PATH }: BuildTeamsPackageOptions): TeamsPackage {
  const content = loadTeamsContent(contentPath);
  const settings = readTeamsPackageSettings(env, content);
  const manifest = buildTeamsManifest(content, settings);

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'));
  zip.addFile(COLOR_ICON_FILE, drawColorIcon(content.accentColor));
  zip.addFile(OUTLINE_ICON_FILE, drawOutlineIcon());

  mkdirSync(outDir, { recursive: true });
  const zipPath = resolve(join(outDir, PACKAGE_FILE_NAME));
  zip.writeZip(zipPath);
  return { zipPath, manifest };
}
