import { environmentSchema, Environment } from './schema';
import { ChannelSettings, channelSettings, channelSettingsProblem } from './channels';
import { checkHandoffCombinations, HandoffSettings, toHandoffSettings } from '../handoff/settings';
import type { LogLevel } from '../logging/logger';
import type { Language } from '../content/languages';
import { checkPhoneCombinations, PhoneSettings, toPhoneSettings } from '../phone/settings';
import { isLoopbackHost } from '../server/security/loopback';
import type { StorageKind } from '../storage/createStorage';
import type { TimerSettings } from '../timers/createTimerQueue';

/** The values the customer sees (filled into content placeholders). */
export interface IspSettings {
  companyName: string;
  smtpServer: string;
  mailDomain: string;
  supportPhone: string;
  supportEmail: string;
}

export interface BotCredentials {
  MicrosoftAppType: string;
  MicrosoftAppId?: string;
  MicrosoftAppPassword?: string;
  MicrosoftAppTenantId?: string;
}

/** Limits on what callers may send (see src/server/security). 0 turns a rate limit off. */
export interface SecuritySettings {
  /** Local mode on a non-loopback HOST, accepted on purpose (ALLOW_PUBLIC_LOCAL_MODE=true). */
  allowPublicLocalMode: boolean;
  maxRequestBytes: number;
  rateLimits: {
    windowSeconds: number;
    perConversation: number;
    perAddress: number;
    tokensPerAddress: number;
  };
}

export interface StorageSettings {
  kind: StorageKind;
  sqlitePath: string;
  blobConnectionString?: string;
  /** Without a connection string: the account's blob endpoint, reached with the managed identity. */
  blobEndpoint?: string;
  blobContainer: string;
  /** Blob storage: longest wait for one request, retries included. */
  requestTimeoutMs: number;
}

export interface RetentionSettings {
  /** Stored state and transcripts are deleted this many days after their last change. */
  stateDays: number;
  /** A customer who comes back within this many days is offered their place; 0 never offers it. */
  returningCustomerDays: number;
}

/** Traces and their exporters (README, Operating); /metrics opens with the support dashboard's ADMIN_TOKEN. */
export interface TelemetrySettings {
  otlpEndpoint?: string;
  applicationInsightsConnectionString?: string;
}

/** The support dashboard (src/server/support) and the outcome figures it shows. */
export interface SupportSettings {
  /** Opens /support (bearer or cookie); without it only loopback in local mode may, and production serves no dashboard. */
  adminToken?: string;
  sessionTimeoutMinutes: number;
}

export interface AppConfig {
  port: number;
  host: string;
  logLevel: LogLevel;
  /** Undefined: pretty in a terminal, JSON otherwise. */
  logFormat?: 'json' | 'pretty';
  telemetry: TelemetrySettings;
  /** SIGTERM: the longest wait for running turns before exiting. */
  shutdownDrainSeconds: number;
  /** No MicrosoftAppId: requests are not authenticated and Azure is not involved. */
  localMode: boolean;
  credentials: BotCredentials;
  /** Set in production to serve the chat page with tokens from Azure's Direct Line. */
  directLineSecret?: string;
  chatEmbedOrigins: string[];
  isp: IspSettings;
  channels: ChannelSettings;
  /** DEFAULT_LANGUAGE: for customers whose client names no locale Stepwise speaks, until they write or choose. */
  defaultLanguage: Language;
  handoff: HandoffSettings;
  security: SecuritySettings;
  storage: StorageSettings;
  /** The timer queue shared by the instances (silence check-ins and offers). */
  timers: TimerSettings;
  retention: RetentionSettings;
  support: SupportSettings;
  /** The phone bridge; undefined (off) without ACS_CONNECTION_STRING. */
  phone?: PhoneSettings;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function toConfig(env: Environment): AppConfig {
  const localMode = !env.MicrosoftAppId;
  return {
    port: env.PORT,
    // Local mode talks to unauthenticated callers, so it listens on loopback unless told otherwise.
    host: env.HOST ?? (localMode ? '127.0.0.1' : '0.0.0.0'),
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    telemetry: {
      otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
      applicationInsightsConnectionString: env.APPLICATIONINSIGHTS_CONNECTION_STRING,
    },
    shutdownDrainSeconds: env.SHUTDOWN_DRAIN_SECONDS,
    localMode,
    credentials: {
      MicrosoftAppType: env.MicrosoftAppType,
      MicrosoftAppId: env.MicrosoftAppId,
      MicrosoftAppPassword: env.MicrosoftAppPassword,
      MicrosoftAppTenantId: env.MicrosoftAppTenantId,
    },
    directLineSecret: env.DIRECT_LINE_SECRET,
    chatEmbedOrigins: env.CHAT_EMBED_ORIGINS,
    isp: {
      companyName: env.COMPANY_NAME,
      smtpServer: env.SMTP_SERVER,
      mailDomain: env.MAIL_DOMAIN,
      supportPhone: env.SUPPORT_PHONE,
      supportEmail: env.SUPPORT_EMAIL,
    },
    channels: channelSettings(env),
    defaultLanguage: env.DEFAULT_LANGUAGE,
    handoff: toHandoffSettings(env),
    security: {
      allowPublicLocalMode: env.ALLOW_PUBLIC_LOCAL_MODE,
      maxRequestBytes: env.MAX_REQUEST_BYTES,
      rateLimits: {
        windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
        perConversation: env.RATE_LIMIT_PER_CONVERSATION,
        perAddress: env.RATE_LIMIT_PER_ADDRESS,
        tokensPerAddress: env.RATE_LIMIT_TOKENS_PER_ADDRESS,
      },
    },
    storage: {
      kind: env.STORAGE,
      sqlitePath: env.SQLITE_PATH,
      blobConnectionString: env.BLOB_CONNECTION_STRING,
      blobEndpoint: env.BLOB_ENDPOINT,
      blobContainer: env.BLOB_CONTAINER,
      requestTimeoutMs: env.STORAGE_TIMEOUT_MS,
    },
    timers: {
      queueName: env.TIMER_QUEUE,
      connectionString: env.QUEUE_CONNECTION_STRING,
      endpoint: env.QUEUE_ENDPOINT,
      pollSeconds: env.TIMER_POLL_SECONDS,
      claimSeconds: env.TIMER_CLAIM_SECONDS,
    },
    retention: { stateDays: env.RETENTION_DAYS, returningCustomerDays: env.RETURNING_CUSTOMER_DAYS },
    support: { adminToken: env.ADMIN_TOKEN, sessionTimeoutMinutes: env.SESSION_TIMEOUT_MINUTES },
    phone: toPhoneSettings(env),
  };
}

function checkCombinations(env: Environment): string | undefined {
  if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    return 'MicrosoftAppPassword must be the app password (client secret) when MicrosoftAppId is set';
  }
  if (env.MicrosoftAppType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
    return 'MicrosoftAppTenantId must be the tenant id when MicrosoftAppType is SingleTenant';
  }
  // The SDK's managed identity credentials need the tenant too.
  if (env.MicrosoftAppType === 'UserAssignedMSI' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
    return 'MicrosoftAppTenantId must be the tenant id when MicrosoftAppType is UserAssignedMSI';
  }
  if (env.BLOB_CONNECTION_STRING && env.BLOB_ENDPOINT) {
    return 'BLOB_CONNECTION_STRING and BLOB_ENDPOINT are both set: set BLOB_CONNECTION_STRING to use its account key, or BLOB_ENDPOINT alone to use the managed identity';
  }
  if (env.QUEUE_CONNECTION_STRING && env.QUEUE_ENDPOINT) {
    return 'QUEUE_CONNECTION_STRING and QUEUE_ENDPOINT are both set: set QUEUE_CONNECTION_STRING to use its account key, or QUEUE_ENDPOINT alone to use the managed identity';
  }
  if (env.STORAGE === 'blob' && !env.BLOB_CONNECTION_STRING && !env.BLOB_ENDPOINT) {
    return 'BLOB_CONNECTION_STRING (the Azure Storage connection string) or BLOB_ENDPOINT (reached with the managed identity) must be set when STORAGE is blob';
  }
  // The timers default to the state's account, which a bare blob endpoint does not name.
  if (env.STORAGE === 'blob' && env.BLOB_ENDPOINT && !env.QUEUE_CONNECTION_STRING && !env.QUEUE_ENDPOINT) {
    return "QUEUE_ENDPOINT (the account's https queue endpoint) must be set with BLOB_ENDPOINT: the silence timers are on a queue";
  }
  if (env.RETURNING_CUSTOMER_DAYS > env.RETENTION_DAYS) {
    return `RETURNING_CUSTOMER_DAYS (${env.RETURNING_CUSTOMER_DAYS}) must not be more than RETENTION_DAYS (${env.RETENTION_DAYS}): progress is deleted after RETENTION_DAYS`;
  }
  // Local mode answers anyone who can reach the port, so it stays on loopback unless accepted on purpose.
  if (!env.MicrosoftAppId && env.HOST && !isLoopbackHost(env.HOST) && !env.ALLOW_PUBLIC_LOCAL_MODE) {
    return `HOST must be a loopback address (127.0.0.1, ::1 or localhost) in local mode, where requests are not authenticated; set MicrosoftAppId, or ALLOW_PUBLIC_LOCAL_MODE=true to accept the risk (got ${JSON.stringify(env.HOST)})`;
  }
  return checkHandoffCombinations(env) ?? checkPhoneCombinations(env);
}

/**
 * Reads the configuration from an environment map (process.env after dotenv).
 * A bad value throws a ConfigError whose message is one line naming the variable.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? 'environment');
    const got = source[variable];
    const shown = got === undefined ? '' : ` (got ${JSON.stringify(/password|token|secret|connection_string/i.test(variable) ? '***' : got)})`;
    throw new ConfigError(`Configuration error: ${variable} must be ${issue.message}${shown}`);
  }
  const combination = checkCombinations(parsed.data) ?? channelSettingsProblem(parsed.data);
  if (combination) throw new ConfigError(`Configuration error: ${combination}`);
  return toConfig(parsed.data);
}
