/**
 * Builds the Teams app manifest (manifest.json) from the content data and the settings.
 * Pure: no files, no environment.
 */
import type { TeamsContent } from './content';
import { TeamsPackageError } from './errors';
import type { TeamsPackageSettings } from './settings';

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
}

/** Manifest limits (characters) that the filled-in text must respect. */
const LIMITS = { nameShort: 30, nameFull: 100, descriptionShort: 80, descriptionFull: 4000 } as const;

function fill(template: string, product: string, company: string): string {
  return template.replaceAll('{product}', product).replaceAll('{company}', company);
}

function limited(field: string, text: string, max: number): string {
  if (text.length > max) throw new TeamsPackageError(`Teams manifest ${field} is ${text.length} characters; the limit is ${max}`);
  return text;
}

export function buildTeamsManifest(content: TeamsContent, settings: TeamsPackageSettings): TeamsManifest {
  const text = (template: string) => fill(template, content.product, settings.companyName);
  const commands = content.commands.map(({ title, description }) => ({ title, description }));
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
    name: {
      short: limited('name.short', text(content.name.short), LIMITS.nameShort),
      full: limited('name.full', text(content.name.full), LIMITS.nameFull),
    },
    description: {
      short: limited('description.short', text(content.description.short), LIMITS.descriptionShort),
      full: limited('description.full', text(content.description.full), LIMITS.descriptionFull),
    },
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
  };
}
