/**
 * The texts a Teams app shows (names, descriptions, bot commands), in any one language: filled in
 * ({product}, {company}) and held to the manifest's length limits. The manifest (English) and each
 * localization file (es-us.json) are built from these.
 */
import { TeamsPackageError } from './errors';

export interface TeamsTexts {
  name: { short: string; full: string };
  description: { short: string; full: string };
  commands: Array<{ title: string; description: string }>;
}

/** Manifest limits (characters) that the filled-in text must respect. */
export const LIMITS = {
  nameShort: 30,
  nameFull: 100,
  descriptionShort: 80,
  descriptionFull: 4000,
  commandTitle: 32,
  commandDescription: 128,
} as const;

function fill(template: string, product: string, company: string): string {
  return template.replaceAll('{product}', product).replaceAll('{company}', company);
}

/** The texts with {product} and {company} filled in; `where` names the file in an error ("Teams manifest", "es-us.json"). */
export function filledTexts(words: TeamsTexts, product: string, company: string, where: string): TeamsTexts {
  const text = (field: string, template: string, max: number): string => {
    const filled = fill(template, product, company);
    if (filled.length > max) throw new TeamsPackageError(`${where} ${field} is ${filled.length} characters; the limit is ${max}`);
    return filled;
  };
  return {
    name: {
      short: text('name.short', words.name.short, LIMITS.nameShort),
      full: text('name.full', words.name.full, LIMITS.nameFull),
    },
    description: {
      short: text('description.short', words.description.short, LIMITS.descriptionShort),
      full: text('description.full', words.description.full, LIMITS.descriptionFull),
    },
    commands: words.commands.map((command, i) => ({
      title: text(`commands[${i}].title`, command.title, LIMITS.commandTitle),
      description: text(`commands[${i}].description`, command.description, LIMITS.commandDescription),
    })),
  };
}
