import type { TokenCredential } from '@azure/identity';

let shared: TokenCredential | undefined;

/**
 * The app's Entra ID credential for Azure services reached without keys (BLOB_ENDPOINT, QUEUE_ENDPOINT,
 * ACS_ENDPOINT): DefaultAzureCredential, which in App Service or Container Apps is the managed identity
 * (the user-assigned one named by AZURE_CLIENT_ID, else the system-assigned one). One per process, so its
 * token cache serves every client. Loaded on first use: @azure/identity (with MSAL) is large.
 */
export function managedIdentity(): TokenCredential {
  return (shared ??= new (require('@azure/identity') as typeof import('@azure/identity')).DefaultAzureCredential());
}
