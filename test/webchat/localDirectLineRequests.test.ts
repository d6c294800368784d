import { GREETING } from '../support/echoBot';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * A page on another site must not drive the local Direct Line: client POSTs need JSON (a form or
 * text/plain post needs no CORS preflight) and, when the browser says where it comes from (Origin),
 * this server's own origin or an embedding site.
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DL = '/v3/directline';
const embedder = 'https://www.airmail.net';
const unsupported = { error: { code: 'UnsupportedMediaType', message: 'Send the body as JSON (Content-Type: application/json)' } };
const forbidden = { error: { code: 'Forbidden', message: 'Requests from this origin are not accepted' } };

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ globalBodyParser: true, directLine: { allowedOrigins: [embedder] } });
});
afterAll(async () => {
  await t.close();
});

async function post(path: string, headers: Record<string, string>, body?: string) {
  const response = await fetch(`${t.baseUrl}${path}`, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Json };
}

const json = { 'Content-Type': 'application/json' };
const refusals = () => t.logger.lines.filter((line) => line.includes('directline.request_refused')).length;

async function started() {
  const result = await post(`${DL}/conversations`, json, '{}');
  expect(result.status).toBe(201);
  const { conversationId, token } = result.body as { conversationId: string; token: string };
  const auth = { Authorization: `Bearer ${token}` };
  const activities = async () =>
    ((await (await fetch(`${t.baseUrl}${DL}/conversations/${conversationId}/activities`, { headers: auth })).json()) as Json).activities as Json[];
  return { conversationId, token, auth, activities };
}

describe('tokens/generate and conversations (they create conversations)', () => {
  test.each([
    ['text/plain', { 'Content-Type': 'text/plain' }, '{}'],
    ['text/plain;charset=UTF-8', { 'Content-Type': 'text/plain;charset=UTF-8' }, '{"user":{"id":"dl_x"}}'],
    ['a form', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'user=x'],
    ['no Content-Type and no body', {}, undefined],
    ['no Content-Type with a body', {}, '{}'],
  ])('%s: 415, nothing created', async (_name, headers, body) => {
    const before = t.directLine.conversationCount();
    const logged = refusals();
    for (const route of ['tokens/generate', 'conversations']) {
      const result = await post(`${DL}/${route}`, headers as Record<string, string>, body);
      expect({ route, ...result }).toEqual({ route, status: 415, body: unsupported });
    }
    expect(t.directLine.conversationCount()).toBe(before);
    expect(refusals() - logged).toBe(2);
  });

  test.each([['https://evil.example'], ['null'], [`${embedder}.evil.example`], ['http://127.0.0.1:1'], ['not a url']])(
    'JSON from Origin %s: 403, nothing created',
    async (origin) => {
      const before = t.directLine.conversationCount();
      for (const route of ['tokens/generate', 'conversations']) {
        const result = await post(`${DL}/${route}`, { ...json, Origin: origin }, '{}');
        expect({ route, ...result }).toEqual({ route, status: 403, body: forbidden });
      }
      expect(t.directLine.conversationCount()).toBe(before);
    },
  );

  test('JSON from this server\'s own origin, from an embedding site, or with no Origin: accepted', async () => {
    const variants: Array<Record<string, string>> = [json, { ...json, Origin: t.baseUrl }, { ...json, Origin: embedder }, { 'content-type': 'Application/JSON; charset=utf-8' }];
    for (const headers of variants) {
      const generated = await post(`${DL}/tokens/generate`, headers, '{}');
      expect({ headers, status: generated.status }).toEqual({ headers, status: 200 });
      expect(generated.body).toMatchObject({ conversationId: expect.any(String), token: expect.any(String) });
      const conversation = await post(`${DL}/conversations`, headers, '{}');
      expect({ headers, status: conversation.status }).toEqual({ headers, status: 201 });
    }
  });
});

describe('routes that need a token', () => {
  test('posting an activity as text/plain: 415; from another origin: 403; the conversation is unchanged', async () => {
    const { conversationId, auth, activities } = await started();
    const path = `${DL}/conversations/${conversationId}/activities`;
    const body = JSON.stringify({ type: 'message', text: 'hello' });
    expect(await post(path, { ...auth, 'Content-Type': 'text/plain' }, body)).toEqual({ status: 415, body: unsupported });
    expect(await post(path, { ...auth, ...json, Origin: 'https://evil.example' }, body)).toEqual({ status: 403, body: forbidden });
    expect((await activities()).map((a) => a.text)).toEqual([GREETING]);
    expect((await post(path, { ...auth, ...json, Origin: t.baseUrl }, body)).status).toBe(200);
    expect((await activities()).map((a) => a.text)).toEqual([GREETING, 'hello', 'Echo: hello']);
  });

  test('refresh and re-start without a body or Content-Type (as Web Chat sends them) still work; from another origin: 403', async () => {
    const { auth } = await started();
    expect((await post(`${DL}/tokens/refresh`, auth)).status).toBe(200);
    expect((await post(`${DL}/conversations`, auth)).status).toBe(200);
    expect(await post(`${DL}/tokens/refresh`, { ...auth, Origin: 'https://evil.example' })).toEqual({ status: 403, body: forbidden });
    expect(await post(`${DL}/tokens/refresh`, { ...auth, 'Content-Type': 'text/plain' }, 'x')).toEqual({ status: 415, body: unsupported });
  });
});
