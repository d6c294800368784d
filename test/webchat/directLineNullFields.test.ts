import { startTestServer, type TestServer } from '../support/testServer';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DL = '/v3/directline';

/** The local Direct Line treats null in an optional field as absent, like /api/messages. */
describe('local Direct Line: null optional fields', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  const call = async (method: string, path: string, token: string | undefined, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${t.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Json };
  };

  it('accepts a message with null locale, entities, channelData, textFormat and from.name (200), and the bot gets it without them', async () => {
    const started = await call('POST', `${DL}/conversations`, undefined, {});
    expect(started.status).toBe(201);
    const { conversationId, token } = started.body;
    const posted = await call('POST', `${DL}/conversations/${conversationId}/activities`, token, {
      type: 'message',
      text: 'hello',
      locale: null,
      entities: null,
      channelData: null,
      textFormat: null,
      from: { id: 'ignored', name: null },
    });
    expect(posted.status).toBe(200);
    expect(posted.body.id).toEqual(expect.any(String));
    const received = t.echo.received.find((a) => a.type === 'message' && a.text === 'hello');
    expect(received).toBeDefined();
    for (const field of ['locale', 'entities', 'textFormat'] as const) expect(received![field]).toBeUndefined();
  });

  it('still refuses a null type (400)', async () => {
    const started = await call('POST', `${DL}/conversations`, undefined, {});
    const posted = await call('POST', `${DL}/conversations/${started.body.conversationId}/activities`, started.body.token, { type: null, text: 'hello' });
    expect(posted.status).toBe(400);
    expect(posted.body).toEqual({ error: { code: 'BadArgument', message: 'Invalid activity' } });
  });
});
