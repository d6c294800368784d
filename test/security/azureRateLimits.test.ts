import { loadConfig } from '../../src/config/config';
import { createBotAuthentication } from '../../src/server/security/authentication';
import { AZURE_TOKEN_API_URL } from '../../src/server/webchat';
import { channelIssuer, newRsaKey, SigningKeyServer, signToken } from '../support/signingKeys';
import { RunningStepwise, startStepwise } from '../support/stepwiseServer';

/**
 * With an app id every request arrives from Bot Service's few addresses: the per-address limit must not
 * drop real customers (each well under their own limit), only requests that fail authentication.
 */
const appId = '11111111-2222-3333-4444-555555555555';
const serviceUrl = 'https://smba.trafficmanager.net/amer/';
const env = {
  MicrosoftAppId: appId,
  MicrosoftAppPassword: 'not-a-real-secret',
  DIRECT_LINE_SECRET: 'dl-secret-for-tests',
  RATE_LIMIT_WINDOW_SECONDS: '60',
  RATE_LIMIT_PER_CONVERSATION: '5',
  RATE_LIMIT_PER_ADDRESS: '10',
  RATE_LIMIT_TOKENS_PER_ADDRESS: '3',
};
const tooMany = { error: 'Too many requests: slow down and retry after the time in Retry-After.' };
const unauthorized = { error: 'Unauthorized: a valid Bot Framework token is required.' };

let keys: SigningKeyServer;
let stepwise: RunningStepwise;
// Frozen time for the limits (moved by hand); tokens are signed with the real time, a few minutes around it.
const startedAt = Date.now();
let offsetMs = 0;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  // Azure's Direct Line token API, played here: the token route is the only caller of this URL.
  jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) =>
    String(input) === AZURE_TOKEN_API_URL
      ? Promise.resolve(new Response(JSON.stringify({ conversationId: 'dl-conv', token: 'dl-token', expires_in: 1800 }), { status: 200, headers: { 'content-type': 'application/json' } }))
      : realFetch(input, init),
  );
  keys = new SigningKeyServer();
  await keys.start();
  stepwise = await startStepwise(env, {
    authentication: createBotAuthentication(loadConfig(env).credentials, keys.endpoints),
    clock: { now: () => new Date(startedAt + offsetMs) },
  });
});
afterAll(async () => {
  await stepwise.stop();
  await keys.stop();
  jest.restoreAllMocks();
});

const trusted = () =>
  `Bearer ${signToken({ claims: { iss: channelIssuer, aud: appId, serviceurl: serviceUrl }, key: keys.trustedKey, kid: keys.trustedKid })}`;
const forged = () =>
  `Bearer ${signToken({ claims: { iss: channelIssuer, aud: appId, serviceurl: serviceUrl }, key: newRsaKey(), kid: keys.trustedKid })}`;
/** Ways to fail authentication: no token, garbage, a forged signature. */
const failing = (i: number) => [undefined, 'Bearer letmein', 'Basic dXNlcjpwYXNzd29yZA=='][i % 3] ?? forged();

async function post(authorization: string | undefined, conversationId: string, text = 'hello') {
  const response = await realFetch(stepwise.botUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({
      type: 'message',
      id: `a-${Math.random()}`,
      text,
      channelId: 'webchat',
      serviceUrl,
      conversation: { id: conversationId },
      from: { id: `customer-${conversationId}` },
      recipient: { id: 'stepwise' },
      // Replies come back in the response: nothing is sent to Bot Service.
      deliveryMode: 'expectReplies',
    }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json().catch(() => undefined)) as any };
}

test('start-up logs which limits apply, in one line', () => {
  const lines = stepwise.logLines.filter((line) => line.includes('rate limits'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    / INFO rate limits: per conversation 5 per 60 s \(every activity\); per address 10 per 60 s \(only requests that fail authentication\); Direct Line tokens per address 3 per 60 s$/,
  );
});

test('authenticated Bot Service traffic from one address is not limited by address: 40 customers, 80 activities, all 200', async () => {
  const statuses: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (let customer = 0; customer < 40; customer++) statuses.push((await post(trusted(), `busy-${customer}`)).status);
  }
  expect(statuses).toEqual(Array(80).fill(200));
});

test('the per-conversation limit still applies to authenticated traffic', async () => {
  const results = [];
  for (let i = 0; i < 6; i++) results.push(await post(trusted(), 'one-noisy-conversation'));
  expect(results.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  expect(results[5]).toEqual({ status: 429, retryAfter: '12', body: tooMany });
});

test('requests that fail authentication are limited per address (401, then 429), and authenticated traffic from that address still goes through', async () => {
  offsetMs += 60_000;
  const refusalsBefore = stepwise.logLines.filter((line) => line.includes('rate limit reached')).length;
  const failures = [];
  for (let i = 0; i < 14; i++) failures.push(await post(failing(i), `attacker-${i}`));
  failures.push(await post(forged(), 'attacker-forged'));
  expect(failures.slice(0, 10)).toEqual(Array(10).fill({ status: 401, retryAfter: null, body: unauthorized }));
  expect(failures.slice(10)).toEqual(Array(5).fill({ status: 429, retryAfter: '6', body: tooMany }));
  // Logged once for the window, not once per request.
  const refusals = stepwise.logLines.filter((line) => line.includes('rate limit reached')).slice(refusalsBefore);
  expect(refusals).toEqual([expect.stringMatching(/ WARN rate limit reached limit="address" reason="requests failing authentication"$/)]);

  const customer = await post(trusted(), 'customer-during-attack');
  expect(customer.status).toBe(200);
  expect(customer.body.activities.map((a: { text?: string }) => a.text)[0]).toMatch(/^Hi, I'm Stepwise/);

  offsetMs += 6_000;
  expect(await post(forged(), 'attacker-later')).toEqual({ status: 401, retryAfter: null, body: unauthorized });
});

const tokenRequest = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' };

test('POST /api/directline/token is limited per address', async () => {
  const results = [];
  for (let i = 0; i < 5; i++) {
    const response = await realFetch(`${stepwise.baseUrl}/api/directline/token`, tokenRequest);
    results.push({ status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any });
  }
  expect(results.slice(0, 3).map((r) => [r.status, r.body.token])).toEqual([
    [200, 'dl-token'],
    [200, 'dl-token'],
    [200, 'dl-token'],
  ]);
  expect(results.slice(3)).toEqual(Array(2).fill({ status: 429, retryAfter: '20', body: tooMany }));

  offsetMs += 20_000;
  expect((await realFetch(`${stepwise.baseUrl}/api/directline/token`, tokenRequest)).status).toBe(200);
});

describe('local mode', () => {
  test('start-up says the per-address limit applies to every activity, which limit is off, and the limit of the chat page token route', async () => {
    const local = await startStepwise({ RATE_LIMIT_PER_CONVERSATION: '0' });
    try {
      expect(local.logLines.filter((line) => line.includes('rate limits'))).toEqual([
        expect.stringMatching(/ INFO rate limits: per conversation off; per address 600 per 60 s \(every activity: local mode\); Direct Line tokens per address 60 per 60 s$/),
      ]);
    } finally {
      await local.stop();
    }
  });
});
