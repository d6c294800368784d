import { languages } from '../content/languages';
import { z } from 'zod';
import { handoffEnvironment } from '../handoff/settings';
import { phoneEnvironment } from '../phone/settings';

const port = z.coerce
  .number({ message: 'an integer from 0 to 65535' })
  .int('an integer from 0 to 65535')
  .min(0, 'an integer from 0 to 65535')
  .max(65535, 'an integer from 0 to 65535');

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

// The SDKs send Entra ID tokens over https only.
const isHttps = (value: string) => {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
};

const channelList = z
  .string()
  .transform((value) => value.split(',').map((id) => id.trim().toLowerCase()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[a-z0-9._-]+$/, 'a comma-separated list of channel ids such as telephony,directlinespeech')));

const integer = (min: number, max: number, what: string) =>
  z.coerce
    .number({ message: what })
    .int(what)
    .min(min, what)
    .max(max, what);

const flag = z
  .string()
  .optional()
  .transform((value) => (value ?? '').trim().toLowerCase())
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', ''], { message: 'true or false' }))
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const hostname = z
  .string()
  .trim()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i, 'a host name such as smtp.example.net');

const days = (min: number, max: number) =>
  z.coerce
    .number({ message: `a whole number of days from ${min} to ${max}` })
    .int(`a whole number of days from ${min} to ${max}`)
    .min(min, `a whole number of days from ${min} to ${max}`)
    .max(max, `a whole number of days from ${min} to ${max}`);

/**
 * Every setting the bot reads from the environment, with its default.
 * Names follow the Bot Framework convention (MicrosoftApp*) for the Azure values.
 */
export const environmentSchema = z.object({
  PORT: port.default(3978),
  HOST: optionalText,
  /** Local mode (no MicrosoftAppId) on a non-loopback HOST is refused unless this is true. */
  ALLOW_PUBLIC_LOCAL_MODE: flag,
  /** Largest request body accepted, in bytes (413 above it). */
  MAX_REQUEST_BYTES: integer(1024, 10 * 1024 * 1024, 'an integer from 1024 to 10485760 (bytes)').default(256 * 1024),
  /** Rate limits: at most N activities per window, per conversation and per client address (0 = off). */
  RATE_LIMIT_WINDOW_SECONDS: integer(1, 86400, 'an integer from 1 to 86400 (seconds)').default(60),
  RATE_LIMIT_PER_CONVERSATION: integer(0, 1_000_000, 'an integer from 0 (off) to 1000000').default(30),
  RATE_LIMIT_PER_ADDRESS: integer(0, 1_000_000, 'an integer from 0 (off) to 1000000').default(600),
  /** Direct Line tokens (POST /api/directline/token) per window per client address (0 = off). */
  RATE_LIMIT_TOKENS_PER_ADDRESS: integer(0, 1_000_000, 'an integer from 0 (off) to 1000000').default(60),
  /** On SIGTERM, how long turns already running may take to finish before the process exits anyway. */
  SHUTDOWN_DRAIN_SECONDS: integer(0, 600, 'an integer from 0 to 600 (seconds)').default(20),
  /** json (one object a line) or pretty (coloured, for a person); default: pretty in a terminal, json otherwise. */
  LOG_FORMAT: z.enum(['json', 'pretty'], { message: 'one of json, pretty' }).optional(),
  /** OpenTelemetry: turns' traces go by OTLP/HTTP to this collector (the standard OpenTelemetry variable). */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalText.pipe(z.url({ protocol: /^https?$/, message: 'an http(s) URL such as http://localhost:4318' }).optional()),
  /** Application Insights (Azure Monitor's OpenTelemetry distro): traces, and the app's requests and dependencies. */
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent'], { message: 'one of debug, info, warn, error, silent' }).default('info'),

  // Channels: which are voice, the voice they speak with, and where a voice handoff transfers the call.
  VOICE_CHANNELS: channelList.default(['telephony', 'directlinespeech']),
  VOICE_NAME: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}-[A-Z]{2,4}-[A-Za-z0-9-]+$/, 'an Azure text-to-speech voice name such as en-US-JennyNeural')
    .default('en-US-JennyNeural'),
  /** The voice for customers helped in Spanish. */
  VOICE_NAME_ES: z
    .string()
    .trim()
    .regex(/^es-[A-Z]{2,4}-[A-Za-z0-9-]+$/, 'an Azure Spanish text-to-speech voice name such as es-US-PalomaNeural')
    .default('es-US-PalomaNeural'),
  /** The language for a customer whose client gives no locale Stepwise speaks, until they write or choose one. */
  DEFAULT_LANGUAGE: z.enum(languages, { error: () => `must be one of ${languages.join(', ')}` }).default('en'),
  TRANSFER_PHONE: optionalText,

  MicrosoftAppType: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { message: 'one of MultiTenant, SingleTenant, UserAssignedMSI' })
    .default('MultiTenant'),
  MicrosoftAppId: optionalText.pipe(z.guid('a GUID such as 00000000-0000-0000-0000-000000000000').optional()),
  MicrosoftAppPassword: optionalText,
  MicrosoftAppTenantId: optionalText,
  /** Web Chat in production: the Direct Line secret, exchanged server-side for per-conversation tokens. */
  DIRECT_LINE_SECRET: optionalText,
  /** Comma-separated origins of the ISP's sites that may embed the chat page (iframe). */
  CHAT_EMBED_ORIGINS: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^https?:\/\/[a-z0-9.-]+(:\d+)?$/i, 'comma-separated origins such as https://www.example.net'))),

  COMPANY_NAME: z.string().trim().min(1, 'a non-empty company name').default('Internet America'),
  SMTP_SERVER: hostname.default('smtp.airmail.net'),
  MAIL_DOMAIN: hostname.default('airmail.net'),
  SUPPORT_PHONE: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ().-]{5,}[0-9]$/, 'a phone number such as 1-800-232-4335')
    .default('1-800-232-4335'),
  SUPPORT_EMAIL: z.string().trim().email('an email address such as support@example.net').default('support@airmail.net'),

  // Handoff destinations, desk, webhook and business hours: src/handoff/settings.ts
  ...handoffEnvironment,
  // The phone bridge (Azure Communication Services Call Automation): src/phone/settings.ts
  ...phoneEnvironment,
  STORAGE: z.enum(['memory', 'sqlite', 'blob'], { message: 'one of memory, sqlite, blob' }).default('sqlite'),
  SQLITE_PATH: z.string().trim().min(1, 'a file path such as ./data/stepwise.sqlite').default('./data/stepwise.sqlite'),
  BLOB_CONNECTION_STRING: optionalText,
  /** Blob storage without a key: the account's blob endpoint, reached with the managed identity. */
  BLOB_ENDPOINT: optionalText.refine((value) => !value || isHttps(value), 'the https blob endpoint of the storage account, such as https://<account>.blob.core.windows.net'),
  BLOB_CONTAINER: z
    .string()
    .trim()
    .regex(/^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, 'a container name: 3 to 63 lower-case letters, digits and single dashes')
    .default('stepwise'),
  STORAGE_TIMEOUT_MS: integer(200, 60_000, 'an integer from 200 to 60000 (milliseconds)').default(4000),
  /** Timers (silence check-ins): the Azure queue (STORAGE=blob), how often it is asked, how long a received timer is held. */
  TIMER_QUEUE: z
    .string()
    .trim()
    .regex(/^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, 'a queue name: 3 to 63 lower-case letters, digits and single dashes')
    .default('stepwise-timers'),
  QUEUE_CONNECTION_STRING: optionalText,
  QUEUE_ENDPOINT: optionalText.refine((value) => !value || isHttps(value), 'the https queue endpoint of the storage account, such as https://<account>.queue.core.windows.net'),
  TIMER_POLL_SECONDS: integer(1, 300, 'an integer from 1 to 300 (seconds)').default(5),
  TIMER_CLAIM_SECONDS: integer(1, 3600, 'an integer from 1 to 3600 (seconds)').default(30),
  RETURNING_CUSTOMER_DAYS: days(0, 365).default(7),
  RETENTION_DAYS: days(1, 3650).default(30),
  /** The support dashboard (/support): the token that opens it (bearer or the cookie its sign-in sets); never logged. */
  ADMIN_TOKEN: optionalText.pipe(
    z
      .string()
      .min(32, 'at least 32 characters, e.g. from: openssl rand -hex 24')
      .regex(/^[\x21-\x7e]+$/, 'printable characters without spaces, e.g. from: openssl rand -hex 24')
      .optional(),
  ),
  /** No activity for this long ends a conversation that neither finished nor reached a technician: the dashboard counts it abandoned. */
  SESSION_TIMEOUT_MINUTES: integer(1, 1440, 'an integer from 1 to 1440 (minutes)').default(30),
});

export type Environment = z.infer<typeof environmentSchema>;
