/**
 * How Teams localizes the app: manifest.json's localizationInfo names the default language (its own
 * texts, English) and one file per other language. es-us.json gives the Spanish name, descriptions
 * and bot commands, with keys as Microsoft's localization schema spells them ("name.short",
 * "bots[0].commandLists[0].commands[0].title", ...), for every command list of the manifest. Pure.
 */
import { TeamsPackageError } from './errors';
import type { TeamsManifest } from './manifest';
import type { TeamsTexts } from './texts';

export const DEFAULT_LANGUAGE_TAG = 'en-us';
export const SPANISH_LOCALIZATION = { languageTag: 'es-us', file: 'es-us.json' } as const;

export interface TeamsLocalizationInfo {
  defaultLanguageTag: string;
  additionalLanguages: Array<{ languageTag: string; file: string }>;
}

/** The manifest's localizationInfo. */
export function teamsLocalizationInfo(): TeamsLocalizationInfo {
  return { defaultLanguageTag: DEFAULT_LANGUAGE_TAG, additionalLanguages: [{ ...SPANISH_LOCALIZATION }] };
}

/** The localization schema of the manifest's schema version (the versions must match). */
export function localizationSchemaUrl(manifestSchemaUrl: string): string {
  const url = manifestSchemaUrl.replace(/\/MicrosoftTeams\.schema\.json$/, '/MicrosoftTeams.Localization.schema.json');
  if (url === manifestSchemaUrl) {
    throw new TeamsPackageError(`schemaUrl must end in /MicrosoftTeams.schema.json (the localization schema is found next to it), got "${manifestSchemaUrl}"`);
  }
  return url;
}

/** A localization file's content: the manifest's localizable texts in another language, `texts` already filled in. */
export function buildTeamsLocalization(manifest: TeamsManifest, texts: TeamsTexts): Record<string, string> {
  const file: Record<string, string> = {
    $schema: localizationSchemaUrl(manifest.$schema),
    'name.short': texts.name.short,
    'name.full': texts.name.full,
    'description.short': texts.description.short,
    'description.full': texts.description.full,
  };
  manifest.bots.forEach((bot, b) =>
    bot.commandLists.forEach((list, l) =>
      list.commands.forEach((_english, c) => {
        const command = texts.commands[c];
        if (!command) throw new TeamsPackageError(`no translation for bots[${b}].commandLists[${l}].commands[${c}]`);
        file[`bots[${b}].commandLists[${l}].commands[${c}].title`] = command.title;
        file[`bots[${b}].commandLists[${l}].commands[${c}].description`] = command.description;
      }),
    ),
  );
  return file;
}
