import fs from 'node:fs';
import os from 'node:os';
import zlib from 'node:zlib';
import { generalSecurityHeaders } from '../../src/server/security/headers';
import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

let stepwise: RunningStepwise;

beforeAll(async () => {
  stepwise = await startStepwise();
  stepwise.app.server.get('/test-throws', async () => {
    throw new Error('database password is hunter2 at /srv/internal/path.ts:42');
  });
});
afterAll(() => stepwise.stop());

async function post(body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const response = await fetch(stepwise.botUrl, { method: 'POST', headers, body });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules|Error:/);
}

describe('errors', () => {
  test('malformed JSON: 400 with a general message, no stack trace, no echo of the input', async () => {
    const result = await post('{"type": "message", "text": "<script>alert(1)</script>", ');
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text)).toEqual({ error: 'The request body is not valid JSON.' });
    expect(result.text).not.toContain('script');
  });

  test('JSON that is not an activity: 400 with a one-line reason', async () => {
    const result = await post(JSON.stringify({ hello: 'world' }));
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text)).toEqual({ error: 'Invalid activity: type invalid input: expected string, received undefined.' });
    expectNoInternals(result.text);
  });

  test.each([
    ['text/plain', 'done'],
    ['application/x-www-form-urlencoded', 'type=message&text=done'],
    ['application/xml', '<activity/>'],
  ])('content type %s: 415', async (contentType, body) => {
    const result = await post(body, { 'content-type': contentType });
    expect(result.status).toBe(415);
    expect(JSON.parse(result.text)).toEqual({ error: 'Unsupported media type: send the activity as JSON (application/json).' });
  });

  test.each([
    ['gzip garbage', 'gzip', Buffer.from('definitely not gzip')],
    ['a valid gzip body', 'gzip', zlib.gzipSync(JSON.stringify({ type: 'message' }))],
    ['deflate', 'deflate', zlib.deflateSync('{}')],
    ['br', 'br', Buffer.from('x')],
  ])('%s (Content-Encoding %s): 415, and the server is still up', async (_name, encoding, body) => {
    const result = await post(body, { 'content-type': 'application/json', 'content-encoding': encoding });
    expect(result.status).toBe(415);
    expect(JSON.parse(result.text)).toEqual({ error: 'Unsupported media type: send JSON (application/json) without Content-Encoding.' });
    expect((await fetch(`${stepwise.baseUrl}/healthz`)).status).toBe(200);
  });

  test('a multipart upload (chunked, so no declared length): 415, and nothing is written to the temp directory', async () => {
    const uploadsBefore = new Set(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('upload_')));
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('--b\r\nContent-Disposition: form-data; name="f"; filename="big.bin"\r\n\r\n'));
        for (let i = 0; i < 32; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(65));
        controller.enqueue(encoder.encode('\r\n--b--\r\n'));
        controller.close();
      },
    });
    const response = await fetch(stepwise.botUrl, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({ error: 'Unsupported media type: send JSON (application/json) without Content-Encoding.' });
    const uploadsAfter = fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('upload_') && !uploadsBefore.has(name));
    expect(uploadsAfter).toEqual([]);
  });

  test('unknown routes: 404 without echoing the path', async () => {
    const response = await fetch(`${stepwise.baseUrl}/admin/%3Cscript%3E`);
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'Not found.' });
    expect(text).not.toContain('admin');
  });

  test('a wrong method: 405', async () => {
    const response = await fetch(stepwise.botUrl);
    expect(response.status).toBe(405);
    expect(await response.json()).toEqual({ error: 'Method not allowed.' });
  });

  test('a handler that throws: 500 "Internal error." (details only in the log, with passwords masked)', async () => {
    const response = await fetch(`${stepwise.baseUrl}/test-throws`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'Internal error.' });
    expectNoInternals(text);
    const logged = stepwise.logLines.find((line) => line.includes('request failed'));
    expect(logged).toContain('database password is [password hidden] at /srv/internal/path.ts:42');
    expect(stepwise.logLines.join('\n')).not.toContain('hunter2');
  });
});

describe('headers', () => {
  const responses: [string, () => Promise<Response>][] = [
    ['GET /healthz', () => fetch(`${stepwise.baseUrl}/healthz`)],
    ['a 404', () => fetch(`${stepwise.baseUrl}/nope`)],
    ['a 405', () => fetch(stepwise.botUrl)],
    ['a 400', () => fetch(stepwise.botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })],
    ['a 413', () => fetch(stepwise.botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(300 * 1024) })],
    ['a 415', () => fetch(stepwise.botUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })],
    [
      'a 200 from /api/messages',
      () =>
        fetch(stepwise.botUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'typing', channelId: 'webchat', serviceUrl: stepwise.connector.serviceUrl, conversation: { id: 'h1' }, from: { id: 'u' } }),
        }),
    ],
  ];

  test.each(responses)('%s: security headers and no version banner', async (_name, request) => {
    const response = await request();
    await response.arrayBuffer();
    expect(response.headers.get('server')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
    for (const [name, value] of Object.entries(generalSecurityHeaders)) expect(response.headers.get(name)).toBe(value);
    expect([...response.headers.values()].join(' ')).not.toMatch(/restify|node\.?js|express/i);
  });

  test('the chat page allows only its own origin and Direct Line, keeps the general headers and shows no banner', async () => {
    const response = await fetch(`${stepwise.baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "media-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' https://directline.botframework.com; " +
        "base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'self'",
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('server')).toBeNull();
    expect(await response.text()).toContain('<title>Internet America support chat</title>');
  });
});

test('after all of that, a conversation works from the start', async () => {
  const conversation = new HttpConversation(stepwise);
  const greeting = await conversation.join();
  expect(greeting.status).toBe(200);
  expect(texts(greeting.replies)[0]).toMatch(/^Hi, I'm Stepwise/);
});
