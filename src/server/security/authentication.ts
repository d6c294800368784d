import {
  Activity,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
// botbuilder's own dependency (same version): the public-cloud endpoints the SDK uses by default.
import { AuthenticationConstants } from 'botframework-connector';
import type { BotCredentials } from '../../config/config';
import { backOffSigningKeyFetches, defaultSigningKeyBackoff, type SigningKeyBackoffOptions, type SigningKeyHealth } from './signingKeyBackoff';

/** The SDK's authentication (botframework-connector), typed through the adapter that takes it. */
export type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;
export type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;

export interface SigningKeyEndpoints {
  /**
   * OpenID metadata whose jwks_uri lists the keys Bot Framework channels sign with. Default: the SDK's
   * (login.botframework.com). Tests point it at a loopback server with their own keys: the SDK's whole
   * token validation still runs, and nothing is fetched from the internet.
   */
  channelOpenIdMetadataUrl?: string;
  /** The same for Emulator (and skill) tokens. Default: the SDK's (login.microsoftonline.com). */
  emulatorOpenIdMetadataUrl?: string;
}

const signingKeyHealthByAuthentication = new WeakMap<BotFrameworkAuthentication, SigningKeyHealth>();

/** The state of the signing keys behind an authentication made by createBotAuthentication (for /healthz). */
export function signingKeyHealthOf(authentication: BotFrameworkAuthentication): SigningKeyHealth | undefined {
  return signingKeyHealthByAuthentication.get(authentication);
}

/**
 * Bot Framework authentication from the MicrosoftApp* settings: the SDK's own validation, unchanged, with
 * signing key fetches backed off after a failure (signingKeyBackoff.ts). With key endpoints, the SDK's
 * public-cloud settings are spelled out (setting any one of them makes the SDK expect all of them) and
 * only where the signing keys come from differs.
 */
export function createBotAuthentication(
  credentials: BotCredentials,
  keys: SigningKeyEndpoints = {},
  backoff: SigningKeyBackoffOptions = defaultSigningKeyBackoff,
): BotFrameworkAuthentication {
  const options: Partial<ConfigurationBotFrameworkAuthenticationOptions> = { ...credentials };
  if (keys.channelOpenIdMetadataUrl || keys.emulatorOpenIdMetadataUrl) {
    Object.assign(options, {
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromChannelOpenIdMetadataUrl: keys.channelOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: keys.emulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
    });
  }
  const authentication = new ConfigurationBotFrameworkAuthentication(options as ConfigurationBotFrameworkAuthenticationOptions);
  const health = backOffSigningKeyFetches(
    [
      keys.channelOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      keys.emulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ],
    backoff,
  );
  signingKeyHealthByAuthentication.set(authentication, health);
  return authentication;
}

/** Algorithms Bot Framework signs with (the SDK's AllowedSigningAlgorithms). */
const allowedAlgorithms = new Set(['RS256', 'RS384', 'RS512']);
/** The SDK's clock tolerance for exp. */
const clockToleranceSeconds = 5 * 60;
const maxHeaderLength = 8 * 1024;
const bearer = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Cheap checks on the Authorization header, before any signature check or signing-key fetch: a
 * Bearer JWT, signed with an RSA algorithm, naming its key (kid) and issuer, not expired. Everything
 * refused here would also be refused by the SDK; refusing it first means garbage and expired tokens
 * cost nothing and never make the SDK refresh its keys. Undefined when the token may be checked.
 */
export function bearerTokenProblem(header: string | undefined, nowMs: number): string | undefined {
  if (!header) return 'no Authorization header';
  if (header.length > maxHeaderLength) return 'Authorization header too long';
  const match = bearer.exec(header.trim());
  if (!match) return 'Authorization is not a Bearer JWT';
  const joseHeader = decodeSegment(match[1]);
  const payload = decodeSegment(match[2]);
  if (!joseHeader || !payload) return 'token is not a JWT';
  if (typeof joseHeader.alg !== 'string' || !allowedAlgorithms.has(joseHeader.alg)) return 'token algorithm not allowed';
  if (typeof joseHeader.kid !== 'string' || !joseHeader.kid || joseHeader.kid.length > 256) return 'token names no signing key';
  if (typeof payload.iss !== 'string' || !payload.iss) return 'token has no issuer';
  if (typeof payload.exp !== 'number' || (payload.exp + clockToleranceSeconds) * 1000 < nowMs) return 'token expired';
  return undefined;
}

export type AuthenticationOutcome =
  | { ok: true; result: AuthenticateRequestResult }
  | { ok: false; status: 401 | 503; reason: string };

export interface AuthenticateOptions {
  localMode: boolean;
  nowMs: number;
  /** How long the SDK may take (it fetches signing keys when it sees a new one); then 503. */
  timeoutMs: number;
}

/** jsonwebtoken's errors for a bad signature, a malformed or expired token: the caller's problem. */
const tokenErrorNames = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/** Whether the SDK could not check the token at all (signing keys unreachable), rather than found it bad. */
function isKeyLoadFailure(error: unknown): boolean {
  const { statusCode, name } = (error ?? {}) as { statusCode?: unknown; name?: unknown };
  if (typeof name === 'string' && tokenErrorNames.has(name)) return false;
  return name === 'FetchError' || (typeof statusCode === 'number' && statusCode >= 500);
}

/**
 * Authenticates one request to /api/messages. Local mode: anonymous (the SDK's own behaviour without
 * an app id; any Authorization header is ignored, so nothing is ever fetched). Otherwise the cheap
 * checks above, then the SDK's full validation (signature against Bot Framework's published keys,
 * issuer, audience = our app id, endorsements, serviceUrl claim), bounded in time.
 */
export async function authenticateRequest(
  authentication: BotFrameworkAuthentication,
  activity: Activity,
  header: string | undefined,
  options: AuthenticateOptions,
): Promise<AuthenticationOutcome> {
  if (!options.localMode) {
    const problem = bearerTokenProblem(header, options.nowMs);
    if (problem) return { ok: false, status: 401, reason: problem };
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
  });
  // If the timeout wins, a later rejection of the validation is still handled (race subscribed to it).
  const validation = authentication.authenticateRequest(activity, options.localMode ? '' : (header ?? ''));
  try {
    const result = await Promise.race([validation, timeout]);
    if (result === 'timeout') return { ok: false, status: 503, reason: 'token validation timed out (signing keys unavailable?)' };
    return { ok: true, result };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Failing to load the signing keys is not the caller's fault (503); anything else is a bad token (401).
    if (isKeyLoadFailure(error)) return { ok: false, status: 503, reason: `could not load signing keys: ${message}` };
    return { ok: false, status: 401, reason: message };
  } finally {
    clearTimeout(timer);
  }
}
