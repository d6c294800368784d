import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenRequest {
  resource: string | null;
  clientId: string | null;
  apiVersion: string | null;
  secretHeader: string | undefined;
}

export interface AppServiceIdentity {
  /** IDENTITY_ENDPOINT and IDENTITY_HEADER, as App Service and Container Apps set them for the app. */
  env: { IDENTITY_ENDPOINT: string; IDENTITY_HEADER: string };
  requests: TokenRequest[];
  stop(): Promise<void>;
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * The managed identity endpoint of App Service and Container Apps (GET IDENTITY_ENDPOINT?api-version=2019-08-01&
 * resource=…, header X-IDENTITY-HEADER), as @azure/identity's ManagedIdentityCredential calls it. It answers a token
 * for the resource asked, issued by Entra ID's issuer for a test tenant: Azurite's `--oauth basic` checks issuer,
 * audience and times, not the signature.
 */
export async function startAppServiceIdentity(): Promise<AppServiceIdentity> {
  const secret = randomUUID();
  const requests: TokenRequest[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: TokenRequest = {
      resource: url.searchParams.get('resource'),
      clientId: url.searchParams.get('client_id'),
      apiVersion: url.searchParams.get('api-version'),
      secretHeader: req.headers['x-identity-header'] as string | undefined,
    };
    requests.push(request);
    res.setHeader('Content-Type', 'application/json');
    if (url.pathname !== '/msi/token' || request.secretHeader !== secret || !request.resource) {
      res.statusCode = 400;
      res.end(JSON.stringify({ error: 'invalid_request', error_description: 'unknown path, secret header or resource' }));
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const claims = { aud: request.resource, iss: 'https://sts.windows.net/ab1f708d-50f6-404c-a006-d71b2ac7a606/', iat: now, nbf: now - 60, exp: now + 3600, oid: randomUUID(), appid: request.clientId ?? randomUUID() };
    const token = `${base64url({ alg: 'RS256', typ: 'JWT' })}.${base64url(claims)}.c2lnbmF0dXJl`;
    res.end(JSON.stringify({ access_token: token, expires_on: String(claims.exp), resource: request.resource, token_type: 'Bearer', client_id: claims.appid }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    env: { IDENTITY_ENDPOINT: `http://127.0.0.1:${port}/msi/token`, IDENTITY_HEADER: secret },
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
