import { z } from 'zod';
import { toE164 } from '../config/channels';
import { isLoopbackUrl } from '../server/security/loopback';

/** The phone bridge: on when ACS_CONNECTION_STRING or ACS_ENDPOINT is set (README, Phone calls). */
export interface PhoneSettings {
  /** `endpoint=https://<resource>.communication.azure.com/;accesskey=<key>`; never logged. Absent: `endpoint` with managed identity. */
  connectionString?: string;
  /** The resource's endpoint (from the connection string, or ACS_ENDPOINT). */
  endpoint: string;
  /** The public https base URL ACS reaches this server on; callbacks go to `<base>/api/calls/events`. */
  callbackBaseUrl: string;
  /** The Azure AI Speech (multi-service) endpoint connected to the ACS resource: text-to-speech and recognition. */
  cognitiveServicesEndpoint: string;
  /** Where a handoff transfers the call: an E.164 number, or an ACS / Teams identity (`8:acs:…`, `8:orgid:…`). */
  transferTarget: string;
  /** How long the caller may stay silent before a "didn't hear you" turn. */
  silenceSeconds: number;
  /** Event Grid deliveries must carry this in their `secret` query parameter; never logged. */
  eventGridSecret?: string;
  /** The ACS resource id Event Grid names as the events' topic; events of any other resource are refused. */
  eventGridTopic?: string;
  /** The SDK refuses http unless told: only a loopback endpoint (the local stand-in) may use it. */
  allowInsecureEndpoint: boolean;
  /** Set with ACS_RESOURCE_ID: every callback must also carry ACS's signed token for this resource. */
  callbackTokens?: CallbackTokenSettings;
  /** Set with ACS_SMS_FROM: a caller who asks for the steps is texted a link to their place in the website chat. */
  textMessages?: TextMessageSettings;
}

export interface TextMessageSettings {
  /** The resource's SMS-enabled number (E.164) or short code the texts come from. */
  from: string;
  /** The website chat page the link opens (this server's own by default). */
  chatPageUrl: string;
}

export interface CallbackTokenSettings {
  /** The resource's immutable resource id (a GUID): the audience of the tokens ACS signs for it. */
  audience: string;
  /** Where ACS publishes the keys it signs with; the local stand-in's in the tests and `npm run call`. */
  openIdConfigurationUrl: string;
}

export const acsOpenIdConfigurationUrl = 'https://acscallautomation.communication.azure.com/calling/.well-known/acsopenidconfiguration';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const connectionStringPattern = /^endpoint=(https?:\/\/[^;\s]+);accesskey=([A-Za-z0-9+/=]+);?$/i;
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const rawIdentity = /^8:(acs|orgid|teamsvisitor|gcch|dod|spool):[\w:.@-]+$/i;

/** The endpoint named in a Communication Services connection string, if it has the documented shape. */
export function endpointOf(connectionString: string): string | undefined {
  return connectionStringPattern.exec(connectionString.trim())?.[1];
}

function isSecureOrLoopback(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || isLoopbackUrl(value);
  } catch {
    return false;
  }
}

/** The phone bridge's variables, merged into the environment schema. */
export const phoneEnvironment = {
  ACS_CONNECTION_STRING: optionalText.refine(
    (value) => !value || (endpointOf(value) !== undefined && isSecureOrLoopback(endpointOf(value)!)),
    'the Communication Services connection string, endpoint=https://<resource>.communication.azure.com/;accesskey=<key>',
  ),
  ACS_ENDPOINT: optionalText.refine(
    (value) => !value || isSecureOrLoopback(value),
    'the Communication Services endpoint, https://<resource>.communication.azure.com, reached with the managed identity',
  ),
  ACS_CALLBACK_BASE_URL: optionalText.refine(
    (value) => !value || isSecureOrLoopback(value),
    'the https base URL Azure Communication Services reaches this server on, such as https://stepwise.example.net',
  ),
  ACS_COGNITIVE_SERVICES_ENDPOINT: optionalText.refine(
    (value) => !value || isSecureOrLoopback(value),
    'the https endpoint of the Azure AI services resource connected to Communication Services',
  ),
  PHONE_TRANSFER_TARGET: optionalText.refine(
    (value) => !value || rawIdentity.test(value) || /^\+[1-9][0-9]{7,14}$/.test(value),
    'a phone number in international form such as +18002324335, or an identity such as 8:acs:…',
  ),
  PHONE_SILENCE_SECONDS: z.coerce
    .number({ message: 'an integer from 3 to 300 (seconds)' })
    .int('an integer from 3 to 300 (seconds)')
    .min(3, 'an integer from 3 to 300 (seconds)')
    .max(300, 'an integer from 3 to 300 (seconds)')
    .default(20),
  ACS_EVENTGRID_SECRET: optionalText.refine((value) => !value || /^[A-Za-z0-9_-]{16,}$/.test(value), 'at least 16 letters, digits, - or _'),
  ACS_EVENTGRID_TOPIC: optionalText.refine(
    (value) => !value || /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Communication\/communicationServices\/[^/]+$/i.test(value),
    'the Communication Services resource id, /subscriptions/…/resourceGroups/…/providers/Microsoft.Communication/communicationServices/…',
  ),
  ACS_RESOURCE_ID: optionalText.refine(
    (value) => !value || guid.test(value),
    "the Communication Services resource's Immutable Resource ID (Properties), a GUID such as 6b1f3c2e-8a4d-4f0e-9c7b-2d5e1a9f4c30",
  ),
  ACS_OPENID_CONFIGURATION_URL: optionalText.refine(
    (value) => !value || isSecureOrLoopback(value),
    `the https address of the Call Automation OpenID configuration, ${acsOpenIdConfigurationUrl}`,
  ),
  ACS_SMS_FROM: optionalText.refine(
    (value) => !value || /^\+[1-9][0-9]{7,14}$/.test(value) || /^[0-9]{5,6}$/.test(value),
    "the resource's SMS-enabled phone number in international form such as +18005550199, or its short code",
  ),
  PHONE_CHAT_PAGE_URL: optionalText.refine(
    (value) => !value || isSecureOrLoopback(value),
    'the https address of the website chat page (Stepwise\'s own page, which opens a texted link), such as https://help.example.net/',
  ),
};

const phoneEnvironmentSchema = z.object(phoneEnvironment);
type PhoneEnvironment = z.output<typeof phoneEnvironmentSchema> & { TRANSFER_PHONE?: string; SUPPORT_PHONE: string; HANDOFF_DESTINATIONS: string[] };

/** A setting the bridge needs once it is on, as one line; undefined when all is well. */
export function checkPhoneCombinations(env: PhoneEnvironment): string | undefined {
  if (env.ACS_CONNECTION_STRING && env.ACS_ENDPOINT) {
    return 'ACS_CONNECTION_STRING and ACS_ENDPOINT are both set: set ACS_CONNECTION_STRING to use its access key, or ACS_ENDPOINT alone to use the managed identity';
  }
  if (!env.ACS_CONNECTION_STRING && !env.ACS_ENDPOINT) {
    const stray = (
      [
        'ACS_CALLBACK_BASE_URL',
        'ACS_COGNITIVE_SERVICES_ENDPOINT',
        'PHONE_TRANSFER_TARGET',
        'ACS_EVENTGRID_SECRET',
        'ACS_EVENTGRID_TOPIC',
        'ACS_RESOURCE_ID',
        'ACS_OPENID_CONFIGURATION_URL',
        'ACS_SMS_FROM',
        'PHONE_CHAT_PAGE_URL',
      ] as const
    ).find((name) => env[name]);
    return stray ? `ACS_CONNECTION_STRING or ACS_ENDPOINT must be set when ${stray} is: without either the phone bridge is off` : undefined;
  }
  if (env.ACS_OPENID_CONFIGURATION_URL && !env.ACS_RESOURCE_ID) {
    return 'ACS_RESOURCE_ID must be set when ACS_OPENID_CONFIGURATION_URL is: without it callback tokens are not checked';
  }
  if (env.PHONE_CHAT_PAGE_URL && !env.ACS_SMS_FROM) return 'ACS_SMS_FROM must be set when PHONE_CHAT_PAGE_URL is: without it no links are texted';
  if (!env.ACS_CALLBACK_BASE_URL) return 'ACS_CALLBACK_BASE_URL must be the public https address of this server when the phone bridge is on';
  if (!env.ACS_COGNITIVE_SERVICES_ENDPOINT) {
    return 'ACS_COGNITIVE_SERVICES_ENDPOINT must be the Azure AI services endpoint connected to Communication Services when the phone bridge is on: calls are spoken and heard through it';
  }
  if (!env.HANDOFF_DESTINATIONS.includes('protocol')) {
    return 'HANDOFF_DESTINATIONS must include protocol when the phone bridge is on: a call is transferred when the conversation sends its handoff event';
  }
  return undefined;
}

export function toPhoneSettings(env: PhoneEnvironment): PhoneSettings | undefined {
  if (!env.ACS_CONNECTION_STRING && !env.ACS_ENDPOINT) return undefined;
  const endpoint = new URL(env.ACS_CONNECTION_STRING ? endpointOf(env.ACS_CONNECTION_STRING)! : env.ACS_ENDPOINT!);
  return {
    connectionString: env.ACS_CONNECTION_STRING,
    endpoint: endpoint.href,
    callbackBaseUrl: env.ACS_CALLBACK_BASE_URL!.replace(/\/+$/, ''),
    cognitiveServicesEndpoint: env.ACS_COGNITIVE_SERVICES_ENDPOINT!,
    transferTarget: env.PHONE_TRANSFER_TARGET ?? toE164(env.TRANSFER_PHONE ?? env.SUPPORT_PHONE)!,
    silenceSeconds: env.PHONE_SILENCE_SECONDS,
    eventGridSecret: env.ACS_EVENTGRID_SECRET,
    eventGridTopic: env.ACS_EVENTGRID_TOPIC,
    allowInsecureEndpoint: endpoint.protocol === 'http:',
    callbackTokens: env.ACS_RESOURCE_ID
      ? { audience: env.ACS_RESOURCE_ID.toLowerCase(), openIdConfigurationUrl: env.ACS_OPENID_CONFIGURATION_URL ?? acsOpenIdConfigurationUrl }
      : undefined,
    textMessages: env.ACS_SMS_FROM
      ? { from: env.ACS_SMS_FROM, chatPageUrl: env.PHONE_CHAT_PAGE_URL ?? `${env.ACS_CALLBACK_BASE_URL!.replace(/\/+$/, '')}/` }
      : undefined,
  };
}
