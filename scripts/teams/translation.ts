/**
 * The Spanish words of the Teams app live in teams/app-content.es.json: the same texts as
 * teams/app-content.json (name, description, commands), in US Spanish, plus a "source" review note.
 * Every English text needs its Spanish counterpart with the same placeholders, checked the way the
 * bot's own translations are (src/content/translation.ts): a missing key stops the build, naming it.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { checkSameShape } from '../../src/content/translation';
import { parseTeamsFile, readTeamsFile, teamsCommandSchema, type TeamsContent } from './content';
import { TeamsPackageError } from './errors';
import type { TeamsTexts } from './texts';

export const DEFAULT_SPANISH_CONTENT_PATH = join(__dirname, '..', '..', 'teams', 'app-content.es.json');

const text = z.string().trim().min(1, 'must not be empty');

export const teamsTranslationSchema = z.strictObject({
  source: text,
  name: z.strictObject({ short: text, full: text }),
  description: z.strictObject({ short: text, full: text }),
  commands: z.array(teamsCommandSchema.strict()).min(1).max(10),
});

export type TeamsTranslation = z.infer<typeof teamsTranslationSchema>;

/** The texts of the English content that a translation must give. */
export function translatableTexts(content: TeamsContent): TeamsTexts {
  return { name: content.name, description: content.description, commands: content.commands };
}

export function loadTeamsTranslation(english: TeamsContent, path: string = DEFAULT_SPANISH_CONTENT_PATH): TeamsTranslation {
  const raw = readTeamsFile(path, 'the Spanish Teams app content');
  // The shape first, so a missing text is named as one rather than as a schema error.
  checkSameShape(translatableTexts(english), raw, path, (message) => new TeamsPackageError(message));
  return parseTeamsFile(teamsTranslationSchema, raw, path);
}
