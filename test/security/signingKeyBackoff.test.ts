import { loadConfig } from '../../src/config/config';
import { Backoff } from '../../src/server/security/backoff';
import { createBotAuthentication } from '../../src/server/security/authentication';
import { channelIssuer, newRsaKey, SigningKeyServer, signToken } from '../support/signingKeys';
import { RunningStepwise, startStepwise } from '../support/stepwiseServer';

/**
 * While Bot Framework's signing keys cannot be fetched, tokens do not each cause a fetch: after a failed
 * fetch the next one waits (1 s, doubling, at most 5 min), requests meanwhile get 503 at once, and
 * /healthz says the keys are unreachable. When the keys are back, the next attempt loads them.
 */
const appId = '11111111-2222-3333-4444-555555555555';
const env = { MicrosoftAppId: appId, MicrosoftAppPassword: 'not-a-real-secret' };
const serviceUrl = 'https://smba.trafficmanager.net/amer/';
const unavailable = { error: 'Token validation is unavailable; try again later.' };

test('back-off: 1 s after the first failure, doubling, capped; a success resets it', () => {
  let now = 0;
  const backoff = new Backoff({ initialMs: 1000, maxMs: 300_000, now: () => now });
  expect(backoff.canTry()).toBe(true);
  expect(backoff.failingSince()).toBeUndefined();
  const waits: number[] = [];
  for (let i = 0; i < 12; i++) {
    backoff.failed();
    waits.push(backoff.nextAttemptAt().getTime() - now);
    now = backoff.nextAttemptAt().getTime() - 1;
    expect(backoff.canTry()).toBe(false);
    now += 1;
    expect(backoff.canTry()).toBe(true);
  }
  expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000, 300_000]);
  expect(backoff.failingSince()).toEqual(new Date(0));
  backoff.succeeded();
  expect(backoff.failingSince()).toBeUndefined();
  backoff.failed();
  expect(backoff.nextAttemptAt().getTime() - now).toBe(1000);
});

describe('with the key server down', () => {
  let keys: SigningKeyServer;
  let stepwise: RunningStepwise;

  beforeAll(async () => {
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

  const activity = () => ({
    type: 'conversationUpdate',
    id: `a-${Math.random()}`,
    channelId: 'webchat',
    serviceUrl,
    conversation: { id: 'conv-keys-1' },
    from: { id: 'customer-1' },
    recipient: { id: 'stepwise' },
    membersAdded: [{ id: 'customer-1' }],
    deliveryMode: 'expectReplies',
  });
  const claims = { iss: channelIssuer, aud: appId, serviceurl: serviceUrl };
  const strangerKey = newRsaKey();
  const forged = () => `Bearer ${signToken({ claims, key: strangerKey, kid: `forged-${Math.random()}` })}`;
  const valid = () => `Bearer ${signToken({ claims, key: keys.trustedKey, kid: keys.trustedKid })}`;

  async function post(authorization: string) {
    const response = await fetch(stepwise.botUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(activity()),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as unknown };
  }
  async function health() {
    const response = await fetch(`${stepwise.baseUrl}/healthz`);
    return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
  }

  test('before any token: healthy, keys not loaded yet', async () => {
    expect(await health()).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok', checks: { storage: 'up', signingKeys: 'not loaded yet' } }) });
  });

  test('30 forged tokens (10 at once, then 20 one by one): all 503, one fetch; /healthz degraded; back when the keys are', async () => {
    const tokens = Array.from({ length: 30 }, forged);
    keys.outage = 'down';
    const startedAt = Date.now();
    const burst = await Promise.all(tokens.slice(0, 10).map(post));
    for (const token of tokens.slice(10)) burst.push(await post(token));
    expect(burst.map((r) => r.status)).toEqual(Array(30).fill(503));
    expect(burst.every((r) => r.retryAfter === '30' && JSON.stringify(r.body) === JSON.stringify(unavailable))).toBe(true);
    // One fetch (two if the loop outlasted the first 1 s wait on a slow machine), not 30.
    expect(keys.fetches).toBeGreaterThanOrEqual(1);
    expect(keys.fetches).toBeLessThanOrEqual(2);

    const degraded = await health();
    expect(degraded.status).toBe(503);
    expect(degraded.body.status).toBe('degraded');
    expect(degraded.body.checks.storage).toBe('up');
    const described = /^unreachable since (\S+Z) \(next attempt after (\S+Z)\)$/.exec(degraded.body.checks.signingKeys);
    expect(described).not.toBeNull();
    const [, since, next] = described!;
    expect(Date.parse(since)).toBeGreaterThanOrEqual(startedAt - 5);
    expect(Date.parse(next)).toBeGreaterThan(Date.parse(since));

    // A valid token during the back-off is refused too, without a fetch.
    const fetchesBefore = keys.fetches;
    if (Date.now() < Date.parse(next) - 200) {
      expect((await post(valid())).status).toBe(503);
      expect(keys.fetches).toBe(fetchesBefore);
    }

    keys.outage = undefined;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(next) - Date.now() + 20)));
    const accepted = await post(valid());
    expect(accepted.status).toBe(200);
    expect(keys.fetches).toBe(fetchesBefore + 1);
    expect(await health()).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok', checks: { storage: 'up', signingKeys: 'up' } }) });
  });
});

test('a key server that never answers: the fetch gives up after its time limit, and that counts as a failure', async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const keys = new SigningKeyServer();
  await keys.start();
  keys.outage = 'hanging';
  const authentication = createBotAuthentication(loadConfig(env).credentials, keys.endpoints, { initialMs: 60_000, maxMs: 300_000, fetchTimeoutMs: 300 });
  const stepwise = await startStepwise(env, { authentication });
  try {
    const claims = { iss: channelIssuer, aud: appId, serviceurl: serviceUrl };
    const post = () =>
      fetch(stepwise.botUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${signToken({ claims, key: keys.trustedKey, kid: keys.trustedKid })}` },
        body: JSON.stringify({ type: 'message', text: 'hi', channelId: 'webchat', serviceUrl, conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } }),
      });
    const started = Date.now();
    expect((await Promise.all([post(), post(), post()])).map((r) => r.status)).toEqual([503, 503, 503]);
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await post()).status).toBe(503);
    expect(keys.fetches).toBe(1);
    const health = await fetch(`${stepwise.baseUrl}/healthz`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { checks: Record<string, string> }).checks.signingKeys).toMatch(/^unreachable since /);
  } finally {
    await stepwise.stop();
    await keys.stop();
    jest.restoreAllMocks();
  }
});
