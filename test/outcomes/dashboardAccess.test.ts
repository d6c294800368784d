import type { Request } from 'restify';
import { loadConfig } from '../../src/config/config';
import { accessVerdict, supportAccess } from '../../src/server/support/supportAccess';
import { RunningStepwise, startStepwise } from '../support/stepwiseServer';

const token = 'a'.repeat(24) + '-dashboard-token-0123456789';
let stepwise: RunningStepwise | undefined;
afterEach(async () => {
  await stepwise?.stop();
  stepwise = undefined;
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${stepwise!.baseUrl}${path}`, { headers, redirect: 'manual' });

test('local mode without ADMIN_TOKEN: open on loopback, refused (403) to any other address', async () => {
  stepwise = await startStepwise();
  for (const path of ['/support', '/support/figures.json', '/support/outcomes.csv', '/support/app.js', '/support/chart.js']) {
    expect([path, (await get(path)).status]).toEqual([path, 200]);
  }
  const page = await get('/support');
  expect(page.headers.get('content-security-policy')).toBe(
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; object-src 'none'; frame-ancestors 'none'",
  );
  expect((await get('/support/sign-in')).status).toBe(404);
  const remote = { socket: { remoteAddress: '10.1.2.3' }, headers: {} } as unknown as Request;
  expect(accessVerdict(remote, supportAccess(true, undefined))).toBe('forbidden');
  expect(accessVerdict({ ...remote, socket: { remoteAddress: '::ffff:127.0.0.1' } } as unknown as Request, supportAccess(true, undefined))).toBe('allowed');
});

test('with ADMIN_TOKEN: 401 without it or with a wrong one, 200 with the bearer or the cookie the sign-in sets', async () => {
  stepwise = await startStepwise({ ADMIN_TOKEN: token });
  const signIn = await get('/support');
  expect(signIn.status).toBe(401);
  expect(await signIn.text()).toContain('action="/support/sign-in"');
  const data = await get('/support/figures.json');
  expect(data.status).toBe(401);
  expect(data.headers.get('www-authenticate')).toBe('Bearer realm="stepwise-support"');
  expect(await data.json()).toEqual({ error: 'Sign in to the support dashboard first.' });
  expect((await get('/support/outcomes.csv', { authorization: 'Bearer wrong-token' })).status).toBe(401);
  expect((await get('/support/figures.json', { authorization: `Bearer ${token}` })).status).toBe(200);
  expect((await get('/support/chart.js')).status).toBe(401);

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${stepwise!.baseUrl}/support/sign-in`, { method: 'POST', body, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  const wrong = await post('token=not-it');
  expect(wrong.status).toBe(401);
  expect(await wrong.text()).toContain('That token is not right.');
  expect((await post(`token=${token}`, { origin: 'https://elsewhere.example' })).status).toBe(403);
  const right = await post(`token=${encodeURIComponent(token)}`, { origin: stepwise.baseUrl });
  expect(right.status).toBe(303);
  expect(right.headers.get('location')).toBe('/support');
  const cookie = right.headers.get('set-cookie')!;
  expect(cookie).toMatch(/^stepwise_support=[A-Za-z0-9_-]{43}; Path=\/support; HttpOnly; SameSite=Strict; Max-Age=43200$/);
  expect(cookie).not.toContain(token);
  const withCookie = { cookie: cookie.split(';')[0] };
  expect((await get('/support', withCookie)).status).toBe(200);
  expect((await get('/support/outcomes.csv', withCookie)).status).toBe(200);
  expect((await get('/support', { cookie: 'stepwise_support=forged' })).status).toBe(401);
  // The token never reaches the log.
  expect(stepwise.logLines.join('\n')).not.toContain(token);
});

test('a bad period is 400 with the reason', async () => {
  stepwise = await startStepwise();
  const answer = async (query: string) => {
    const response = await get(`/support/figures.json?${query}`);
    return [response.status, ((await response.json()) as { error?: string }).error];
  };
  expect(await answer('from=yesterday')).toEqual([400, 'from must be a date such as 2026-12-01']);
  expect(await answer('from=2026-12-05&to=2026-12-01')).toEqual([400, 'from must not be after to']);
  expect(await answer('from=2024-01-01&to=2026-12-01')).toEqual([400, 'the period must be at most 366 days']);
  expect(await answer('from=2026-12-01&to=2026-12-01&channel=<script>')).toEqual([400, 'channel must be an id such as webchat or outlook-express']);
  expect(await answer('from=2026-12-01&to=2026-12-01')).toEqual([200, undefined]);
});

test('production without ADMIN_TOKEN serves no dashboard (404); a short ADMIN_TOKEN stops start-up', async () => {
  stepwise = await startStepwise({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'secret' });
  expect((await get('/support')).status).toBe(404);
  expect((await get('/support/figures.json')).status).toBe(404);
  expect(() => loadConfig({ ADMIN_TOKEN: 'short' })).toThrow('Configuration error: ADMIN_TOKEN must be at least 32 characters, e.g. from: openssl rand -hex 24');
});
