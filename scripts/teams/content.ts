/**
 * The Teams app's words and fixed values (name, descriptions, commands, colours, defaults)
 * live in teams/app-content.json. This file only describes and loads that data.
 * Limits follow the Teams app manifest schema (the stricter value where versions differ).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { TeamsPackageError } from './errors';

export const DEFAULT_CONTENT_PATH = join(__dirname, '..', '..', 'teams', 'app-content.json');

const guid = z.string().regex(/^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/, 'must be a GUID');
const httpsUrl = z.string().regex(/^https:\/\/\S+$/, 'must be an https:// URL');

export const teamsCommandSchema = z.object({
  title: z.string().min(1).max(32),
  description: z.string().min(1).max(128),
});

export const teamsContentSchema = z.object({
  schemaVersion: z.string().regex(/^1\.\d+$/),
  schemaUrl: httpsUrl,
  appVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be semver (MAJOR.MINOR.PATCH)'),
  defaultAppId: guid,
  product: z.string().min(1),
  defaults: z.object({
    companyName: z.string().min(1),
    websiteUrl: httpsUrl,
    privacyUrl: httpsUrl,
    termsOfUseUrl: httpsUrl,
  }),
  name: z.object({ short: z.string().min(1), full: z.string().min(1) }),
  description: z.object({ short: z.string().min(1), full: z.string().min(1) }),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be #RRGGBB'),
  commands: z.array(teamsCommandSchema).min(1).max(10),
});

export type TeamsContent = z.infer<typeof teamsContentSchema>;

/** A JSON file's data; an unreadable file or bad JSON is a TeamsPackageError naming the file. */
export function readTeamsFile(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TeamsPackageError(`${path}: cannot read ${what} (${(error as Error).message})`);
  }
}

/** The data checked against the schema; the first problem is one line naming the file and the key. */
export function parseTeamsFile<T>(schema: z.ZodType<T>, raw: unknown, path: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TeamsPackageError(`${path}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data;
}

export function loadTeamsContent(path: string = DEFAULT_CONTENT_PATH): TeamsContent {
  return parseTeamsFile(teamsContentSchema, readTeamsFile(path, 'the Teams app content'), path);
}
