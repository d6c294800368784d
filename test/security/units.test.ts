import { activityGuardProblem, depthExceeds } from '../../src/server/security/activityGuard';
import { authenticateRequest, bearerTokenProblem, BotFrameworkAuthentication } from '../../src/server/security/authentication';
import { isLoopbackHost, isLoopbackUrl } from '../../src/server/security/loopback';
import { RateLimiter } from '../../src/server/security/rateLimiter';
import { RequestRateLimits } from '../../src/server/security/rateLimits';
import { newRsaKey, signToken } from '../support/signingKeys';

describe('loopback', () => {
  test.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  test.each(['0.0.0.0', '::', '10.0.0.1', '192.168.1.10', 'example.com', '127.0.0.1.nip.io', 'localhost.example.com', ''])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
  test.each([
    ['http://127.0.0.1:3979', true],
    ['https://localhost/x', true],
    ['http://[::1]:8080/', true],
    ['http://127.1/', true],
    ['https://smba.trafficmanager.net/amer/', false],
    ['http://169.254.169.254/latest/meta-data', false],
    ['http://user:pw@127.0.0.1/', false],
    ['file:///etc/passwd', false],
    ['ftp://127.0.0.1/', false],
    ['not a url', false],
  ])('serviceUrl %s -> %s', (url, expected) => {
    expect(isLoopbackUrl(url)).toBe(expected);
  });
});

describe('RateLimiter (token bucket)', () => {
  test('allows the limit at once, then refuses with a retry time, and refills over the window', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000, clock: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')].every((d) => d.allowed)).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(limiter.take('b').allowed).toBe(true);
    now += 20_000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  test('a limit of 0 is off', () => {
    const limiter = new RateLimiter({ limit: 0, windowMs: 1000 });
    for (let i = 0; i < 100; i++) expect(limiter.take('a').allowed).toBe(true);
  });

  test('remembers at most maxKeys keys', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 1, windowMs: 60_000, clock: () => now, maxKeys: 2 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    // 'a' was forgotten, so it starts with a full bucket again; 'c' is still remembered.
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('c').allowed).toBe(false);
  });
});

describe('RequestRateLimits', () => {
  test('a refused conversation does not use up its address, and the customer is told once per window', () => {
    let now = 0;
    const limits = new RequestRateLimits({ windowSeconds: 60, perConversation: 2, perAddress: 5 }, () => now);
    expect(limits.check('noisy', '10.0.0.1')).toEqual({ allowed: true });
    expect(limits.check('noisy', '10.0.0.1')).toEqual({ allowed: true });
    expect(limits.check('noisy', '10.0.0.1')).toEqual({ allowed: false, limit: 'conversation', retryAfterSeconds: 30, tellCustomer: true });
    for (let i = 0; i < 50; i++) expect(limits.check('noisy', '10.0.0.1')).toMatchObject({ allowed: false, tellCustomer: false });
    // Three of the address's five are left for everyone else.
    expect(['q1', 'q2', 'q3'].map((c) => limits.check(c, '10.0.0.1').allowed)).toEqual([true, true, true]);
    expect(limits.check('q4', '10.0.0.1')).toMatchObject({ allowed: false, limit: 'address', tellCustomer: true });
    // Inventing conversations does not buy one polite reply per request: one per address per window.
    expect(limits.check('q5', '10.0.0.1')).toMatchObject({ allowed: false, limit: 'address', tellCustomer: false });
    expect(limits.check('q6', '10.0.0.2')).toEqual({ allowed: true });
    now += 60_000;
    expect(limits.check('noisy', '10.0.0.1')).toEqual({ allowed: true });
  });
});

describe('bearerTokenProblem (checks before any key lookup)', () => {
  const key = newRsaKey();
  const now = Date.now();
  const token = (options: Partial<Parameters<typeof signToken>[0]>) =>
    `Bearer ${signToken({ claims: { iss: 'https://api.botframework.com', aud: 'x' }, key, kid: 'k1', ...options })}`;

  test.each([
    ['missing', 'no Authorization header', undefined],
    ['empty', 'no Authorization header', ''],
    ['Basic', 'Authorization is not a Bearer JWT', 'Basic dXNlcjpwYXNz'],
    ['not a JWT', 'Authorization is not a Bearer JWT', 'Bearer abc'],
    ['segments not JSON', 'token is not a JWT', 'Bearer a.b.c'],
    ['9 KB', 'Authorization header too long', `Bearer ${'a'.repeat(9000)}.b.c`],
  ])('%s -> %s', (_label, problem, header) => {
    expect(bearerTokenProblem(header, now)).toBe(problem);
  });

  test('well-formed RS256 token with kid, issuer and a future exp passes to the SDK', () => {
    expect(bearerTokenProblem(token({}), now)).toBeUndefined();
  });
  test('HS256 (algorithm confusion) and alg none are refused', () => {
    expect(bearerTokenProblem(token({ algorithm: 'HS256', key: 'secret' }), now)).toBe('token algorithm not allowed');
    expect(bearerTokenProblem(token({ algorithm: 'none' }), now)).toBe('Authorization is not a Bearer JWT');
  });
  test('no kid, no issuer, expired', () => {
    expect(bearerTokenProblem(token({ kid: undefined }), now)).toBe('token names no signing key');
    expect(bearerTokenProblem(token({ claims: { aud: 'x' } }), now)).toBe('token has no issuer');
    expect(bearerTokenProblem(token({ expiresInSeconds: -3600 }), now)).toBe('token expired');
  });
});

describe('activityGuardProblem', () => {
  const base = { type: 'message', channelId: 'webchat', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'c' }, from: { id: 'u' } };
  const nested = (depth: number) => {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i++) value = { inner: value };
    return value;
  };

  test('a normal activity passes', () => {
    expect(activityGuardProblem({ ...base, text: 'done', entities: [{ type: 'clientInfo' }], channelData: { clientActivityID: 'x' } })).toBeUndefined();
  });
  test.each([
    ['Invalid activity: nested more than 32 levels deep.', { channelData: nested(40) }],
    ['Invalid activity: conversation.id must be well-formed Unicode.', { conversation: { id: 'a\ud800b' } }],
    ['Invalid activity: entities invalid input: expected array, received string.', { entities: 'x' }],
    ['Invalid activity: membersAdded.0.id invalid input: expected string, received undefined.', { membersAdded: [{ name: 'no id' }] }],
    ['Invalid activity: text invalid input: expected string, received number.', { text: 42 }],
    ['Invalid activity: timestamp must be a date.', { timestamp: 'yesterday' }],
    ['Invalid activity: from invalid input: expected object, received undefined.', { from: undefined }],
    ['Invalid activity: from.id invalid input: expected string, received undefined.', { from: { name: 'no id' } }],
    ['Invalid activity: channelData invalid input: expected record, received array.', { channelData: [1, 2] }],
  ])('%s', (problem, extra) => {
    expect(activityGuardProblem({ ...base, ...extra })).toBe(problem);
  });
  test('depth is measured without recursion (100,000 levels)', () => {
    let deep: unknown[] = [];
    const root = deep;
    for (let i = 0; i < 100_000; i++) {
      const next: unknown[] = [];
      deep.push(next);
      deep = next;
    }
    expect(depthExceeds(root, 32)).toBe(true);
  });
});

describe('authenticateRequest', () => {
  const key = newRsaKey();
  const activity = { type: 'message', channelId: 'webchat', serviceUrl: 'https://x', conversation: { id: 'c' }, from: { id: 'u' } } as never;

  test('SDK validation slower than the timeout: 503, and its late failure is not an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const slow = {
        authenticateRequest: () => new Promise((_, reject) => setTimeout(() => reject(new Error('keys fetched too late')), 50)),
      } as unknown as BotFrameworkAuthentication;
      const header = `Bearer ${signToken({ claims: { iss: 'https://api.botframework.com' }, key, kid: 'k' })}`;
      const outcome = await authenticateRequest(slow, activity, header, { localMode: false, nowMs: Date.now(), timeoutMs: 10 });
      expect(outcome).toEqual({ ok: false, status: 503, reason: 'token validation timed out (signing keys unavailable?)' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  test.each([
    ['a bad signature (jsonwebtoken)', 401, Object.assign(new Error('invalid signature'), { name: 'JsonWebTokenError' })],
    ['an SDK 401', 401, Object.assign(new Error('Unauthorized. No valid identity.'), { statusCode: 401 })],
    ['keys that failed to load (SDK 500)', 503, Object.assign(new Error('Failed to load openID config: 404'), { statusCode: 500 })],
    ['the key endpoint unreachable', 503, Object.assign(new Error('request failed'), { name: 'FetchError' })],
    ['anything else', 401, new Error('odd')],
  ])('%s -> %d', async (_name, status, error) => {
    const failing = { authenticateRequest: () => Promise.reject(error) } as unknown as BotFrameworkAuthentication;
    const header = `Bearer ${signToken({ claims: { iss: 'https://api.botframework.com' }, key, kid: 'k' })}`;
    const outcome = await authenticateRequest(failing, activity, header, { localMode: false, nowMs: Date.now(), timeoutMs: 1000 });
    expect(outcome).toMatchObject({ ok: false, status });
  });

  test('local mode ignores any Authorization header (the SDK is asked with none)', async () => {
    const seen: string[] = [];
    const anonymous = { authenticateRequest: async (_a: unknown, header: string) => (seen.push(header), { audience: 'x' }) } as unknown as BotFrameworkAuthentication;
    const outcome = await authenticateRequest(anonymous, activity, 'Bearer whatever', { localMode: true, nowMs: Date.now(), timeoutMs: 1000 });
    expect(outcome.ok).toBe(true);
    expect(seen).toEqual(['']);
  });
});
