/**
 * What the Teams package takes from the environment: the bot id (required), the Teams app id,
 * and the publisher's name and URLs. Every problem is one line that names the variable.
 */
import type { TeamsContent } from './content';
import { TeamsPackageError } from './errors';

export interface TeamsPackageSettings {
  botId: string;
  appId: string;
  appVersion: string;
  companyName: string;
  websiteUrl: string;
  privacyUrl: string;
  termsOfUseUrl: string;
  validDomains: string[];
}

export type Env = Record<string, string | undefined>;

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^\d+\.\d+\.\d+$/;
const DOMAIN = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d+)?$/i;

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

function guidFrom(env: Env, name: string, fallback?: string): string {
  const raw = value(env, name);
  if (raw === undefined) {
    if (fallback !== undefined) return fallback;
    throw new TeamsPackageError(
      `${name} is not set: set it to the bot's Microsoft App ID (a GUID from its Azure Bot registration), e.g. in .env`,
    );
  }
  if (!GUID.test(raw)) throw new TeamsPackageError(`${name} must be a GUID like 00000000-0000-0000-0000-000000000000, got "${raw}"`);
  return raw.toLowerCase();
}

function httpsUrlFrom(env: Env, name: string, fallback: string): string {
  const raw = value(env, name) ?? fallback;
  let ok = false;
  try {
    ok = new URL(raw).protocol === 'https:';
  } catch {
    ok = false;
  }
  if (!ok) throw new TeamsPackageError(`${name} must be an https:// URL, got "${raw}"`);
  return raw;
}

function domainsFrom(env: Env, name: string, fallback: string[]): string[] {
  const raw = value(env, name);
  const domains = raw === undefined ? fallback : raw.split(',').map((d) => d.trim()).filter(Boolean);
  const bad = domains.find((d) => !DOMAIN.test(d));
  if (bad !== undefined) throw new TeamsPackageError(`${name} must be a comma-separated list of domains without https:// or paths, got "${bad}"`);
  return [...new Set(domains)];
}

export function readTeamsPackageSettings(env: Env, content: TeamsContent): TeamsPackageSettings {
  const botId = guidFrom(env, 'MicrosoftAppId');
  const appId = guidFrom(env, 'TEAMS_APP_ID', content.defaultAppId);
  const appVersion = value(env, 'TEAMS_APP_VERSION') ?? content.appVersion;
  if (!SEMVER.test(appVersion)) throw new TeamsPackageError(`TEAMS_APP_VERSION must be MAJOR.MINOR.PATCH like 1.0.1, got "${appVersion}"`);
  const companyName = value(env, 'TEAMS_COMPANY_NAME') ?? content.defaults.companyName;
  if (companyName.length > 32) throw new TeamsPackageError(`TEAMS_COMPANY_NAME must be at most 32 characters, got ${companyName.length}`);
  const websiteUrl = httpsUrlFrom(env, 'TEAMS_WEBSITE_URL', content.defaults.websiteUrl);
  const privacyUrl = httpsUrlFrom(env, 'TEAMS_PRIVACY_URL', content.defaults.privacyUrl);
  const termsOfUseUrl = httpsUrlFrom(env, 'TEAMS_TERMS_URL', content.defaults.termsOfUseUrl);
  const validDomains = domainsFrom(env, 'TEAMS_VALID_DOMAINS', [new URL(websiteUrl).host]);
  return { botId, appId, appVersion, companyName, websiteUrl, privacyUrl, termsOfUseUrl, validDomains };
}
