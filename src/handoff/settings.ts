import { z } from 'zod';

/** Where a handoff goes; several at once. */
export const destinationNames = ['protocol', 'desk', 'webhook'] as const;
export type DestinationName = (typeof destinationNames)[number];

export interface DeskSettings {
  /** The desk conversation: a Teams channel (or any conversation) where cases are posted. */
  channelId: string;
  conversationId: string;
  serviceUrl: string;
  tenantId?: string;
  /** Channel user ids or AAD object ids of the people allowed to use desk commands. */
  technicians: string[];
}

export interface WebhookSettings {
  url: string;
  /** Sent as `Authorization: Bearer <token>`; never logged. */
  token?: string;
  maxAttempts: number;
  /** First retry waits this long; each further retry waits twice as long. */
  backoffMs: number;
  timeoutMs: number;
}

export interface BusinessHoursSettings {
  timeZone: string;
  /** 0 = Sunday ... 6 = Saturday. */
  days: number[];
  /** Minutes after midnight, local to timeZone; open <= t < close. */
  open: number;
  close: number;
}

/**
 * Who may send the bot `handoff.status` events (the contact centre). An event is accepted only from a
 * listed channel and, when app ids are listed, from a caller whose validated token was issued to one
 * of them. Undefined (the default): no status event is accepted.
 */
export interface StatusSourceSettings {
  /** Channel ids, lower case. */
  channels: string[];
  /** App ids, lower case; empty: the channel alone decides. Needs MicrosoftAppId (tokens are validated). */
  appIds: string[];
}

/** policy.json's silence times, overridden by configuration (trials, and tests of several processes). */
export interface SilenceOverrides {
  checkInSeconds?: number;
  offerSeconds?: number;
}

export interface HandoffSettings {
  destinations: DestinationName[];
  silence?: SilenceOverrides;
  statusFrom?: StatusSourceSettings;
  desk?: DeskSettings;
  webhook?: WebhookSettings;
  /** Undefined: technicians are always available. */
  businessHours?: BusinessHoursSettings;
}

export const defaultHandoffSettings: HandoffSettings = { destinations: ['protocol'] };

const dayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const list = (message: string, allowed?: readonly string[]) =>
  z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean))
    .refine((items) => !allowed || items.every((item) => allowed.includes(item.toLowerCase())), message)
    .transform((items) => (allowed ? items.map((item) => item.toLowerCase()) : items));

const url = optionalText.pipe(z.url({ protocol: /^https?$/, message: 'an http(s) URL' }).optional());

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const positiveInt = (message: string, min: number, max: number) =>
  z.coerce.number({ message }).int(message).min(min, message).max(max, message);

function parseDays(value: string): number[] | undefined {
  const days = new Set<number>();
  for (const part of value.toLowerCase().split(',').map((p) => p.trim()).filter(Boolean)) {
    const [from, to] = part.split('-').map((d) => dayNames.indexOf(d.trim().slice(0, 3)));
    if (from < 0 || (to !== undefined && to < 0)) return undefined;
    if (to === undefined) days.add(from);
    else for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return days.size ? [...days].sort() : undefined;
}

function parseHours(value: string): { open: number; close: number } | undefined {
  const match = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [open, close] = [Number(match[1]) * 60 + Number(match[2]), Number(match[3]) * 60 + Number(match[4])];
  if (Number(match[2]) > 59 || Number(match[4]) > 59 || close > 24 * 60 || open >= close) return undefined;
  return { open, close };
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The handoff variables, merged into the environment schema. */
export const handoffEnvironment = {
  HANDOFF_DESTINATIONS: list('a comma-separated list of protocol, desk, webhook', destinationNames).transform((items) =>
    items.length ? [...new Set(items)] : ['protocol'],
  ),
  HANDOFF_STATUS_CHANNELS: list('a comma-separated list of channel ids').transform((items) => [...new Set(items.map((i) => i.toLowerCase()))]),
  HANDOFF_STATUS_APP_IDS: list('a comma-separated list of app ids (GUIDs)')
    .refine((items) => items.every((item) => guid.test(item)), 'a comma-separated list of app ids (GUIDs)')
    .transform((items) => [...new Set(items.map((i) => i.toLowerCase()))]),
  DESK_CHANNEL_ID: z.string().trim().min(1, 'a channel id such as msteams').default('msteams'),
  DESK_CONVERSATION_ID: optionalText,
  DESK_SERVICE_URL: url,
  DESK_TENANT_ID: optionalText,
  DESK_TECHNICIANS: list('a comma-separated list of user ids or AAD object ids'),
  WEBHOOK_URL: url,
  WEBHOOK_TOKEN: optionalText,
  WEBHOOK_MAX_ATTEMPTS: positiveInt('an integer from 1 to 10', 1, 10).default(3),
  WEBHOOK_BACKOFF_MS: positiveInt('an integer from 0 to 60000', 0, 60000).default(500),
  WEBHOOK_TIMEOUT_MS: positiveInt('an integer from 100 to 60000', 100, 60000).default(3000),
  BUSINESS_HOURS: optionalText.refine((v) => !v || parseHours(v) !== undefined, 'opening hours such as 08:00-18:00'),
  BUSINESS_DAYS: z
    .string()
    .trim()
    .default('mon-fri')
    .refine((v) => parseDays(v) !== undefined, 'days such as mon-fri or mon,wed,fri'),
  BUSINESS_TIMEZONE: z.string().trim().default('America/Chicago').refine(validTimeZone, 'an IANA time zone such as America/Chicago'),
  /** Override policy.json's silence.checkInSeconds and silence.offerSeconds. */
  SILENCE_CHECK_IN_SECONDS: positiveInt('an integer from 1 to 86400 (seconds)', 1, 86400).optional(),
  SILENCE_OFFER_SECONDS: positiveInt('an integer from 1 to 86400 (seconds)', 1, 86400).optional(),
};

const handoffEnvironmentSchema = z.object(handoffEnvironment);
type HandoffEnvironment = z.output<typeof handoffEnvironmentSchema>;

/** A missing value that only matters with a given destination (or status source), as one line; undefined when all is well. */
export function checkHandoffCombinations(env: HandoffEnvironment & { MicrosoftAppId?: string }): string | undefined {
  const uses = (name: DestinationName) => (env.HANDOFF_DESTINATIONS as string[]).includes(name);
  if (env.HANDOFF_STATUS_APP_IDS.length && !env.MicrosoftAppId) {
    return 'HANDOFF_STATUS_APP_IDS needs MicrosoftAppId: without it no caller is authenticated, so no app id can be checked';
  }
  if (env.HANDOFF_STATUS_APP_IDS.length && !env.HANDOFF_STATUS_CHANNELS.length) {
    return 'HANDOFF_STATUS_CHANNELS must name the contact centre\'s channel when HANDOFF_STATUS_APP_IDS is set';
  }
  if (uses('desk')) {
    if (!env.DESK_CONVERSATION_ID) return 'DESK_CONVERSATION_ID must be the desk conversation id when HANDOFF_DESTINATIONS includes desk';
    if (!env.DESK_SERVICE_URL) return 'DESK_SERVICE_URL must be the desk channel service URL when HANDOFF_DESTINATIONS includes desk';
    if (env.DESK_TECHNICIANS.length === 0) return 'DESK_TECHNICIANS must list at least one technician id when HANDOFF_DESTINATIONS includes desk';
  }
  if (uses('webhook') && !env.WEBHOOK_URL) return 'WEBHOOK_URL must be the ticket webhook URL when HANDOFF_DESTINATIONS includes webhook';
  return undefined;
}

function silenceOverrides(env: HandoffEnvironment): SilenceOverrides | undefined {
  const overrides: SilenceOverrides = {};
  if (env.SILENCE_CHECK_IN_SECONDS) overrides.checkInSeconds = env.SILENCE_CHECK_IN_SECONDS;
  if (env.SILENCE_OFFER_SECONDS) overrides.offerSeconds = env.SILENCE_OFFER_SECONDS;
  return Object.keys(overrides).length ? overrides : undefined;
}

export function toHandoffSettings(env: HandoffEnvironment): HandoffSettings {
  const destinations = env.HANDOFF_DESTINATIONS as DestinationName[];
  const hours = env.BUSINESS_HOURS ? parseHours(env.BUSINESS_HOURS) : undefined;
  return {
    destinations,
    silence: silenceOverrides(env),
    statusFrom: env.HANDOFF_STATUS_CHANNELS.length ? { channels: env.HANDOFF_STATUS_CHANNELS, appIds: env.HANDOFF_STATUS_APP_IDS } : undefined,
    desk: destinations.includes('desk')
      ? {
          channelId: env.DESK_CHANNEL_ID,
          conversationId: env.DESK_CONVERSATION_ID!,
          serviceUrl: env.DESK_SERVICE_URL!,
          tenantId: env.DESK_TENANT_ID,
          technicians: env.DESK_TECHNICIANS,
        }
      : undefined,
    webhook: destinations.includes('webhook')
      ? {
          url: env.WEBHOOK_URL!,
          token: env.WEBHOOK_TOKEN,
          maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
          backoffMs: env.WEBHOOK_BACKOFF_MS,
          timeoutMs: env.WEBHOOK_TIMEOUT_MS,
        }
      : undefined,
    businessHours: hours ? { timeZone: env.BUSINESS_TIMEZONE, days: parseDays(env.BUSINESS_DAYS)!, ...hours } : undefined,
  };
}
