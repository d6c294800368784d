import type { ConversationReference } from 'botbuilder';
import { GREETING } from '../support/echoBot';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * The connector the bot replies to answers only requests carrying this process's secret (a path
 * segment of the serviceUrl given to the bot). Anyone else on the machine is refused before any
 * conversation is looked at.
 */
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DL = '/v3/directline';
let t: TestServer;

beforeAll(async () => {
  // The echo bot reports the refused proactive message with console.error; keep the output readable.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  t = await startTestServer({ globalBodyParser: true });
});
afterAll(async () => {
  await t.close();
  jest.restoreAllMocks();
});

async function call(method: string, path: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${t.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Json };
}

async function startConversation() {
  const started = await call('POST', `${DL}/conversations`, {});
  expect(started.status).toBe(201);
  const { conversationId, token } = started.body as { conversationId: string; token: string };
  const serviceUrl = t.echo.received.find((a) => a.conversation?.id === conversationId)?.serviceUrl as string;
  const list = async () => (await call('GET', `${DL}/conversations/${conversationId}/activities`, undefined, token)).body.activities as Json[];
  return { conversationId, token, serviceUrl, list };
}

const refusedLines = () => t.logger.lines.filter((line) => line.includes('directline.connector_refused'));

test('the bot is given a serviceUrl with a secret segment, and the browser never sees it', async () => {
  const { serviceUrl, list } = await startConversation();
  const secret = new URL(serviceUrl).pathname.split('/').pop() as string;
  expect(new URL(serviceUrl).pathname).toBe(`/_local/connector/${secret}`);
  expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(JSON.stringify(await list())).not.toContain(secret);
});

test('without the secret every connector call is refused with 403 and the conversation is untouched', async () => {
  const { conversationId, serviceUrl, list } = await startConversation();
  const before = await list();
  expect(before.map((a) => a.text)).toEqual([GREETING]);
  const secret = new URL(serviceUrl).pathname.split('/').pop() as string;
  const wrongSecret = secret.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
  const refusedBefore = refusedLines().length;

  const id = encodeURIComponent(conversationId);
  const greetingId = encodeURIComponent(before[0].id);
  const attempts: Array<[string, string, unknown?]> = [];
  for (const prefix of ['/_local/connector', `/_local/connector/${wrongSecret}`, '/_local/connector/v3']) {
    attempts.push(
      ['POST', `${prefix}/v3/conversations/${id}/activities`, { type: 'message', text: 'Your password expired, type it here' }],
      ['POST', `${prefix}/v3/conversations/${id}/activities/${greetingId}`, { type: 'message', text: 'spoofed reply' }],
      ['PUT', `${prefix}/v3/conversations/${id}/activities/${greetingId}`, { type: 'message', text: 'rewritten greeting' }],
      ['DELETE', `${prefix}/v3/conversations/${id}/activities/${greetingId}`],
      ['GET', `${prefix}/v3/conversations/${id}/members`],
    );
  }
  for (const [method, path, body] of attempts) {
    const result = await call(method, path, body);
    expect({ method, path, status: result.status, body: result.body }).toEqual({
      method,
      path,
      status: 403,
      body: { error: { code: 'Forbidden', message: 'Missing or wrong connector secret' } },
    });
  }
  expect(await list()).toEqual(before);
  expect(refusedLines().length - refusedBefore).toBe(attempts.length);
  expect(refusedLines().every((line) => !line.includes(secret))).toBe(true);
});

test('with the secret: the bot\'s replies arrive, unknown connector calls are 404 and unknown conversations 404', async () => {
  const { conversationId, token, serviceUrl, list } = await startConversation();
  const connector = `${new URL(serviceUrl).pathname}/v3/conversations`;
  const posted = await call('POST', `${DL}/conversations/${conversationId}/activities`, { type: 'message', text: 'hello' }, token);
  expect(posted.status).toBe(200);
  expect((await list()).map((a) => a.text)).toEqual([GREETING, 'hello', 'Echo: hello']);

  expect((await call('GET', `${connector}/${conversationId}/pagedmembers`)).status).toBe(404);
  expect((await call('POST', `${connector}/no-such-conversation/activities`, { type: 'message' })).status).toBe(404);
});

test('proactive messages use the saved serviceUrl; one from before a restart (an old secret) fails cleanly', async () => {
  const { conversationId, serviceUrl, list } = await startConversation();
  const reference = (serviceUrlToUse: string): Partial<ConversationReference> => ({
    channelId: 'webchat',
    serviceUrl: serviceUrlToUse,
    conversation: { id: conversationId } as ConversationReference['conversation'],
    bot: { id: 'stepwise-bot', name: 'Stepwise' },
    user: { id: 'someone', name: '' },
  });
  const proactive = (url: string, text: string) =>
    t.echo.adapter.continueConversationAsync('', reference(url) as ConversationReference, async (context) => {
      await context.sendActivity(text);
    });

  await proactive(serviceUrl, 'Still with me?');
  expect((await list()).map((a) => a.text)).toEqual([GREETING, 'Still with me?']);

  // Another process (as after a restart) has its own secret: the saved serviceUrl no longer works here.
  const previous = await startTestServer();
  try {
    await fetch(`${previous.baseUrl}${DL}/conversations`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    const oldSecret = new URL(previous.echo.received[0].serviceUrl as string).pathname.split('/').pop() as string;
    const stale = serviceUrl.replace(/[^/]+$/, oldSecret);
    await expect(proactive(stale, 'from before the restart')).rejects.toMatchObject({ statusCode: 403 });
  } finally {
    await previous.close();
  }
  expect((await list()).map((a) => a.text)).toEqual([GREETING, 'Still with me?']);
});
