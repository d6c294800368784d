/**
 * Builds the Teams app manifest (manifest.json) from the content data and the settings.
 * Its texts are English; localizationInfo points Teams to the other languages' files.
 * Pure: no files, no environment.
 */
import type { TeamsContent } from './content';
import { teamsLocalizationInfo, type TeamsLocalizationInfo } from './localization';
import type { TeamsPackageSettings } from './settings';
import { filledTexts } from './texts';

export const BOT_SCOPES = ['personal', 'team', 'groupChat'] as const;
export type BotScope = (typeof BOT_SCOPES)[number];

export const COLOR_ICON_FILE = 'color.png';
export const OUTLINE_ICON_FILE = 'outline.png';

export interface TeamsManifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  name: { short: string; full: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  bots: Array<{
    botId: string;
    scopes: BotScope[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: Array<{ scopes: BotScope[]; commands: Array<{ title: string; description: string }> }>;
  }>;
  validDomains: string[];
  localizationInfo: TeamsLocalizationInfo;
}

export function buildTeamsManifest(content: TeamsContent, settings: TeamsPackageSettings): TeamsManifest {
  const { name, description, commands } = filledTexts(content, content.product, settings.companyName, 'Teams manifest');
  return {
    $schema: content.schemaUrl,
    manifestVersion: content.schemaVersion,
    version: settings.appVersion,
    id: settings.appId,
    developer: {
      name: settings.companyName,
      websiteUrl: settings.websiteUrl,
      privacyUrl: settings.privacyUrl,
      termsOfUseUrl: settings.termsOfUseUrl,
    },
    name,
    description,
    icons: { color: COLOR_ICON_FILE, outline: OUTLINE_ICON_FILE },
    accentColor: content.accentColor,
    bots: [
      {
        botId: settings.botId,
        scopes: [...BOT_SCOPES],
        supportsFiles: false,
        isNotificationOnly: false,
        // One command list per scope, as the schema asks.
        commandLists: BOT_SCOPES.map((scope) => ({ scopes: [scope], commands })),
      },
    ],
    validDomains: settings.validDomains,
    localizationInfo: teamsLocalizationInfo(),
  };
}
