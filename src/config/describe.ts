import type { AppConfig } from './config';
import { isLoopbackHost } from '../server/security/loopback';

/** Shown instead of a secret's value. */
export const secretMask = '***';

/** Setting names whose values are secrets, wherever they sit in the configuration. */
const secretName = /(pass(word|wd|phrase)?|pwd|secret|token|key|connection.?string|credential|signature)$/i;

/** Secret parts of otherwise harmless values: storage connection strings, SAS query strings, URL passwords. */
const secretParts: [RegExp, string][] = [
  [/((?:AccountKey|AccessKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)=)[^;]*/gi, `$1${secretMask}`],
  [/([?&](?:sig|signature|token|code)=)[^&#]*/gi, `$1${secretMask}`],
  [/(\/\/[^/:@\s]+:)[^@/\s]+@/g, `$1${secretMask}@`],
];

function maskValue(value: string): string {
  return secretParts.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), value);
}

function flatten(value: unknown, prefix: string, out: Record<string, unknown>): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) flatten(item, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  const name = prefix.split('.').pop() ?? prefix;
  if (secretName.test(name)) out[prefix] = value === undefined || value === '' ? '(not set)' : secretMask;
  else if (typeof value === 'string') out[prefix] = maskValue(value);
  else out[prefix] = value === undefined ? '(not set)' : value;
}

/**
 * The configuration as log fields (`credentials.MicrosoftAppPassword="***"`), for the start-up line.
 * Secrets are masked by name (password, secret, key, token, connection string, ...) and by shape
 * (AccountKey=..., ?sig=..., user:password@), so settings other branches add are covered too.
 */
export function describeConfig(config: AppConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { mode: config.localMode ? 'local' : 'azure' };
  flatten(config, '', out);
  delete out.localMode;
  return out;
}

/** What an operator should know at start-up about a risky configuration. */
export function startupWarnings(config: AppConfig): string[] {
  const warnings: string[] = [];
  if (config.localMode && !isLoopbackHost(config.host)) {
    warnings.push(
      `Local mode is listening on ${config.host} (ALLOW_PUBLIC_LOCAL_MODE=true): anyone who can reach this port can talk to the bot without authentication. Replies still go only to loopback serviceUrls. Set MicrosoftAppId for a public deployment.`,
    );
  }
  if (config.security.rateLimits.perConversation === 0) warnings.push('The per-conversation rate limit is off (RATE_LIMIT_PER_CONVERSATION=0).');
  if (config.security.rateLimits.perAddress === 0) warnings.push('The per-address rate limit is off (RATE_LIMIT_PER_ADDRESS=0).');
  return warnings;
}
