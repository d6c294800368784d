import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config/config';
import { createBotAuthentication } from '../../src/server/security/authentication';
import { channelIssuer, emulatorIssuer, newRsaKey, SigningKeyServer, signToken } from '../support/signingKeys';
import { RunningStepwise, startStepwise } from '../support/stepwiseServer';

const appId = '11111111-2222-3333-4444-555555555555';
const env = { MicrosoftAppId: appId, MicrosoftAppPassword: 'not-a-real-secret' };
const serviceUrl = 'https://smba.trafficmanager.net/amer/';
const unauthorized = { error: 'Unauthorized: a valid Bot Framework token is required.' };

let keys: SigningKeyServer;
let stepwise: RunningStepwise;

beforeAll(async () => {
  // The SDK prints token failures (and the public key it tried) with console.error; keep the output readable.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  keys = new SigningKeyServer();
  await keys.start();
  stepwise = await startStepwise(env, { authentication: createBotAuthentication(loadConfig(env).credentials, keys.endpoints) });
});
afterAll(async () => {
  await stepwise.stop();
  await keys.stop();
  jest.restoreAllMocks();
});

const conversationId = 'conv-auth-1';

function activity(extra: Record<string, unknown> = {}) {
  return {
    type: 'conversationUpdate',
    id: `a-${Math.random()}`,
    channelId: 'webchat',
    serviceUrl,
    conversation: { id: conversationId },
    from: { id: 'customer-1' },
    recipient: { id: 'stepwise' },
    membersAdded: [{ id: 'customer-1' }],
    deliveryMode: 'expectReplies',
    ...extra,
  };
}

async function post(authorization: string | undefined, body = activity()) {
  const started = Date.now();
  const response = await fetch(stepwise.botUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => undefined)) as any;
  return { status: response.status, body: json, ms: Date.now() - started };
}

const channelClaims = (extra: Record<string, unknown> = {}) => ({ iss: channelIssuer, aud: appId, serviceurl: serviceUrl, ...extra });
const trusted = (claims = channelClaims(), options: { expiresInSeconds?: number } = {}) =>
  `Bearer ${signToken({ claims, key: keys.trustedKey, kid: keys.trustedKid, ...options })}`;

test('without an Authorization header: 401', async () => {
  const result = await post(undefined);
  expect(result.status).toBe(401);
  expect(result.body).toEqual(unauthorized);
});

test.each([
  ['Basic credentials', 'Basic dXNlcjpwYXNzd29yZA=='],
  ['a Bearer word', 'Bearer letmein'],
  ['a token that is not JSON', 'Bearer aaaa.bbbb.cccc'],
  ['alg none', () => `Bearer ${signToken({ claims: channelClaims(), algorithm: 'none', kid: keys.trustedKid })}`],
  ['HS256 keyed with the public key (algorithm confusion)', () =>
    `Bearer ${signToken({ claims: channelClaims(), algorithm: 'HS256', key: keys.trustedKey.export({ type: 'pkcs1', format: 'pem' }).toString(), kid: keys.trustedKid })}`],
])('%s: 401', async (_name, header) => {
  const result = await post(typeof header === 'function' ? header() : header);
  expect(result.status).toBe(401);
  expect(result.body).toEqual(unauthorized);
});

test('a well-formed JWT signed by an unknown key: 401 within a second, keys fetched once from the (loopback) key endpoint', async () => {
  const stranger = newRsaKey();
  for (let i = 0; i < 5; i++) {
    const result = await post(`Bearer ${signToken({ claims: channelClaims(), key: stranger, kid: `unknown-${i}` })}`);
    expect(result.status).toBe(401);
    expect(result.body).toEqual(unauthorized);
    expect(result.ms).toBeLessThan(1000);
  }
  // The SDK re-reads the keys for an unknown kid at most once an hour: a stream of forged tokens cannot make it fetch again.
  expect(keys.fetches).toBe(1);
});

test('a JWT that names the trusted key but is signed by another one: 401', async () => {
  const result = await post(`Bearer ${signToken({ claims: channelClaims(), key: newRsaKey(), kid: keys.trustedKid })}`);
  expect(result.status).toBe(401);
  expect(result.body).toEqual(unauthorized);
});

test('an Emulator-issued JWT signed by an unknown key: 401', async () => {
  const claims = { iss: emulatorIssuer, aud: appId, appid: appId, ver: '1.0' };
  const result = await post(`Bearer ${signToken({ claims, key: newRsaKey(), kid: 'emulator-unknown' })}`);
  expect(result.status).toBe(401);
  expect(result.body).toEqual(unauthorized);
});

test.each([
  ['expired an hour ago', () => trusted(channelClaims(), { expiresInSeconds: -3600 })],
  ['for another bot (audience)', () => trusted(channelClaims({ aud: '99999999-2222-3333-4444-555555555555' }))],
  ['for another serviceUrl', () => trusted(channelClaims({ serviceurl: 'https://attacker.example/' }))],
  ['from an issuer nobody trusts', () => trusted(channelClaims({ iss: 'https://attacker.example/' }))],
])('signed by the trusted key but %s: 401', async (_name, header) => {
  const result = await post(header());
  expect(result.status).toBe(401);
  expect(result.body).toEqual(unauthorized);
});

test('a valid Bot Framework token is accepted, and none of the refused requests reached the conversation', async () => {
  const joined = await post(trusted());
  expect(joined.status).toBe(200);
  const greeting = joined.body.activities.map((a: { text?: string }) => a.text);
  expect(greeting).toEqual([expect.stringMatching(/^Hi, I'm Stepwise, the Internet America mail helper\./)]);

  const chosen = await post(trusted(), activity({ type: 'message', text: 'Outlook Express', membersAdded: undefined }));
  expect(chosen.status).toBe(200);
  expect(chosen.body.activities.map((a: { text?: string }) => a.text)).toEqual([
    "Let's fix Outlook Express. There are 8 steps; tell me when each one is done.",
    '**Step 1 of 8:** Click on the **Tools** menu, then choose **Accounts**.',
  ]);
});

test('when the signing keys cannot be loaded: 503 with Retry-After, quickly, never 500', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const endpoints = {
    channelOpenIdMetadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    emulatorOpenIdMetadataUrl: `http://127.0.0.1:${port}/v2.0/.well-known/openid-configuration`,
  };
  const offline = await startStepwise(env, { authentication: createBotAuthentication(loadConfig(env).credentials, endpoints) });
  try {
    const started = Date.now();
    const response = await fetch(offline.botUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: trusted() },
      body: JSON.stringify(activity()),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(await response.json()).toEqual({ error: 'Token validation is unavailable; try again later.' });
    expect(Date.now() - started).toBeLessThan(2000);
  } finally {
    await offline.stop();
  }
});
