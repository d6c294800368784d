import { createHmac, generateKeyPairSync, KeyObject, randomUUID, sign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The issuer of tokens Bot Framework channels send to bots (the SDK's ToBotFromChannelTokenIssuer). */
export const channelIssuer = 'https://api.botframework.com';
/** A v1 Emulator issuer the SDK trusts (EmulatorValidation's list). */
export const emulatorIssuer = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';

export function newRsaKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/**
 * Plays login.botframework.com on loopback: OpenID metadata whose jwks_uri lists one trusted signing
 * key, so the SDK's real token validation runs in tests without the internet. Counts key fetches
 * (requests for the metadata, answered or not). `outage` makes it answer 503 ("down"), or never
 * answer ("hanging").
 */
export class SigningKeyServer {
  readonly trustedKey = newRsaKey();
  readonly trustedKid = `test-key-${randomUUID()}`;
  fetches = 0;
  outage: 'down' | 'hanging' | undefined;
  private server?: http.Server;

  async start(): Promise<void> {
    const jwk = { ...this.trustedKey.export({ format: 'jwk' }), d: undefined, p: undefined, q: undefined, dp: undefined, dq: undefined, qi: undefined };
    this.server = http.createServer((req, res) => {
      const reply = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url?.endsWith('/openidconfiguration') || req.url?.endsWith('/openid-configuration')) {
        this.fetches += 1;
        if (this.outage === 'hanging') return;
        if (this.outage === 'down') {
          res.writeHead(503);
          return res.end();
        }
        return reply({ issuer: channelIssuer, jwks_uri: `${this.baseUrl}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
      }
      if (req.url === '/keys') {
        return reply({ keys: [{ kty: 'RSA', use: 'sig', kid: this.trustedKid, n: jwk.n, e: jwk.e, endorsements: ['webchat', 'msteams', 'emulator', 'directline'] }] });
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** For createBotAuthentication: both channel and Emulator keys come from here. */
  get endpoints() {
    return {
      channelOpenIdMetadataUrl: `${this.baseUrl}/v1/.well-known/openidconfiguration`,
      emulatorOpenIdMetadataUrl: `${this.baseUrl}/v2.0/.well-known/openid-configuration`,
    };
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export interface TokenOptions {
  claims: Record<string, unknown>;
  /** An RSA private key (RS256), or a shared secret for HS256 (an algorithm-confusion attempt). */
  key?: KeyObject | string;
  kid?: string;
  algorithm?: 'RS256' | 'HS256' | 'none';
  expiresInSeconds?: number;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT, signed with node:crypto (no JWT library needed): header.payload.signature. */
export function signToken({ claims, key, kid, algorithm = 'RS256', expiresInSeconds = 600 }: TokenOptions): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: algorithm, typ: 'JWT', ...(kid ? { kid } : {}) };
  const payload = { iat: now, nbf: now - 5, exp: now + expiresInSeconds, ...claims };
  const data = `${base64url(header)}.${base64url(payload)}`;
  if (algorithm === 'none') return `${data}.`;
  if (algorithm === 'HS256') return `${data}.${createHmac('sha256', String(key)).update(data).digest('base64url')}`;
  return `${data}.${sign('sha256', Buffer.from(data), key as KeyObject).toString('base64url')}`;
}
