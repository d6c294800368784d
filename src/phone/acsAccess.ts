import type { TokenCredential } from '@azure/identity';
import { managedIdentity } from '../config/managedIdentity';
import type { PhoneSettings } from './settings';

/**
 * What the ACS SDK clients are built with: either the connection string (its access key signs each request), or
 * the endpoint with an Entra ID credential.
 */
export type AcsClientArguments =
  | { kind: 'key'; connectionString: string; options: AcsClientOptions }
  | { kind: 'identity'; endpoint: string; credential: TokenCredential; options: AcsClientOptions };

export interface AcsClientOptions {
  allowInsecureConnection: boolean;
  /** The CA to trust instead of the public ones (tests: the stand-in's own). */
  tlsOptions?: { ca: string };
}

/** Replaces the managed identity (tests: a stand-in's credential, and the CA its TLS certificate is signed by). */
export interface AcsIdentity {
  credential: TokenCredential;
  tls?: { ca: string };
}

/**
 * How to reach ACS: with ACS_CONNECTION_STRING, its key; with ACS_ENDPOINT alone, the app's managed identity
 * through DefaultAzureCredential (in App Service or Container Apps the system-assigned identity, or the
 * user-assigned one named by AZURE_CLIENT_ID), which needs the Contributor role (or a role with the Call Automation
 * and SMS actions) on the Communication Services resource.
 */
export function acsClientArguments(settings: Pick<PhoneSettings, 'connectionString' | 'endpoint' | 'allowInsecureEndpoint'>, identity?: AcsIdentity): AcsClientArguments {
  // The SDKs refuse http unless told; only the local stand-in (loopback, checked in settings) uses it.
  const options: AcsClientOptions = { allowInsecureConnection: settings.allowInsecureEndpoint, ...(identity?.tls ? { tlsOptions: identity.tls } : {}) };
  if (settings.connectionString) return { kind: 'key', connectionString: settings.connectionString, options };
  return { kind: 'identity', endpoint: settings.endpoint, credential: identity?.credential ?? managedIdentity(), options };
}
