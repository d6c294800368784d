import { describeRateLimits, RequestRateLimits } from '../../src/server/security/rateLimits';

const settings = { windowSeconds: 60, perConversation: 3, perAddress: 4, tokensPerAddress: 2 };

test('authenticated activities are limited per conversation only, however many share an address', () => {
  const limits = new RequestRateLimits(settings, () => 0);
  for (let i = 0; i < 100; i++) expect(limits.check(`customer-${i}`, '52.1.1.1', { authenticated: true })).toEqual({ allowed: true });
  expect(['c', 'c', 'c'].map((c) => limits.check(c, '52.1.1.1', { authenticated: true }).allowed)).toEqual([true, true, true]);
  expect(limits.check('c', '52.1.1.1', { authenticated: true })).toEqual({ allowed: false, limit: 'conversation', retryAfterSeconds: 20, tellCustomer: true });
});

test('failed authentication counts against the address; the first refusal in a window is flagged for the log', () => {
  let now = 0;
  const limits = new RequestRateLimits(settings, () => now);
  expect([1, 2, 3, 4].map(() => limits.failedAuthentication('203.0.113.9'))).toEqual(Array(4).fill({ allowed: true }));
  expect(limits.failedAuthentication('203.0.113.9')).toEqual({ allowed: false, limit: 'address', retryAfterSeconds: 15, tellCustomer: true });
  expect(limits.failedAuthentication('203.0.113.9')).toEqual({ allowed: false, limit: 'address', retryAfterSeconds: 15, tellCustomer: false });
  // Another address, and authenticated traffic from the same one, are not affected.
  expect(limits.failedAuthentication('203.0.113.10')).toEqual({ allowed: true });
  expect(limits.check('real-customer', '203.0.113.9', { authenticated: true })).toEqual({ allowed: true });
  now += 15_000;
  expect(limits.failedAuthentication('203.0.113.9')).toEqual({ allowed: true });
});

test('the start-up line', () => {
  expect(describeRateLimits(settings, { localMode: false, tokenRoute: true })).toBe(
    'per conversation 3 per 60 s (every activity); per address 4 per 60 s (only requests that fail authentication); Direct Line tokens per address 2 per 60 s',
  );
  expect(describeRateLimits({ ...settings, perAddress: 0 }, { localMode: true, tokenRoute: false })).toBe(
    'per conversation 3 per 60 s (every activity); per address off',
  );
});
