import { CHOICES, GREETING } from '../support/echoBot';
import { startTestServer, type TestServer } from '../support/testServer';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DL = '/v3/directline';

describe('local Direct Line (HTTP polling) with an echo bot', () => {
  let t: TestServer;

  const call = async (method: string, path: string, options: { token?: string; body?: unknown; raw?: string } = {}) => {
    const headers: Record<string, string> = { 'x-ms-bot-agent': 'DirectLine/3.0 (test)' };
    if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined || options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = options.raw ?? JSON.stringify(options.body);
    }
    const response = await fetch(`${t.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Json };
  };

  /** The serviceUrl the bot was given (it carries the connector secret). */
  const serviceUrlOf = (conversationId: string) => {
    const url = t.echo.received.find((a) => a.conversation?.id === conversationId)?.serviceUrl;
    if (!url) throw new Error(`the bot has seen nothing from ${conversationId}`);
    return url;
  };
  const connectorOf = (conversationId: string) => `${new URL(serviceUrlOf(conversationId)).pathname}/v3/conversations/${encodeURIComponent(conversationId)}`;

  const start = async () => {
    const started = await call('POST', `${DL}/conversations`, { body: {} });
    expect(started.status).toBe(201);
    return started.body as { conversationId: string; token: string; expires_in: number };
  };

  beforeAll(async () => {
    t = await startTestServer({ globalBodyParser: false });
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts a conversation, greets, echoes, and advances the watermark', async () => {
    const { conversationId, token, expires_in } = await start();
    expect(conversationId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(expires_in).toBeGreaterThan(0);

    const first = await call('GET', `${DL}/conversations/${conversationId}/activities`, { token });
    expect(first.status).toBe(200);
    const greeting = first.body.activities.find((a: Json) => a.text === GREETING);
    expect(greeting).toBeDefined();
    expect(greeting.id).toEqual(expect.any(String));
    expect(greeting.timestamp).toEqual(expect.any(String));
    expect(greeting.suggestedActions.actions.map((a: Json) => a.title)).toEqual(CHOICES);
    expect(greeting.serviceUrl).toBeUndefined();
    expect(first.body.activities.some((a: Json) => a.type === 'conversationUpdate')).toBe(false);
    const w1 = Number(first.body.watermark);
    expect(w1).toBeGreaterThan(0);

    const posted = await call('POST', `${DL}/conversations/${conversationId}/activities`, {
      token,
      body: { type: 'message', text: 'hello', from: { id: 'r_spoofed', name: 'Pat' }, channelData: { clientActivityID: 'client-1' }, serviceUrl: 'http://evil.example' },
    });
    expect(posted.status).toBe(200);
    expect(posted.body.id).toEqual(expect.any(String));

    const next = await call('GET', `${DL}/conversations/${conversationId}/activities?watermark=${w1}`, { token });
    expect(next.status).toBe(200);
    const mine = next.body.activities.find((a: Json) => a.channelData?.clientActivityID === 'client-1');
    expect(mine).toMatchObject({ id: posted.body.id, type: 'message', text: 'hello', channelId: 'webchat', from: { role: 'user' } });
    expect(mine.from.id).toMatch(/^dl_/);
    const echo = next.body.activities.find((a: Json) => a.text === 'Echo: hello');
    expect(echo).toMatchObject({ replyToId: posted.body.id, channelId: 'webchat', conversation: { id: conversationId } });
    expect(next.body.activities.some((a: Json) => a.type === 'typing')).toBe(false);
    expect(next.body.activities.indexOf(mine)).toBeLessThan(next.body.activities.indexOf(echo));
    const w2 = Number(next.body.watermark);
    expect(w2).toBeGreaterThan(w1);

    const idle = await call('GET', `${DL}/conversations/${conversationId}/activities?watermark=${w2}`, { token });
    expect(idle.body).toEqual({ activities: [], watermark: String(w2) });

    // What the bot saw: a conversationUpdate adding the user, then the message, addressed for replies.
    const seen = t.echo.received.filter((a) => a.conversation?.id === conversationId);
    expect(seen[0]).toMatchObject({ type: 'conversationUpdate', channelId: 'webchat', membersAdded: [{ id: mine.from.id }] });
    const message = seen.find((a) => a.type === 'message');
    expect(message).toMatchObject({
      id: posted.body.id,
      channelId: 'webchat',
      serviceUrl: expect.stringMatching(new RegExp(`^${t.baseUrl}/_local/connector/[A-Za-z0-9_-]{43}$`)),
      from: { id: mine.from.id, role: 'user' },
      recipient: { role: 'bot' },
      conversation: { id: conversationId },
      channelData: { clientActivityID: 'client-1' },
    });
  });

  it('works the way Web Chat does with a token: generate, start (once), resume, refresh', async () => {
    const generated = await call('POST', `${DL}/tokens/generate`, { body: { user: { id: 'dl_tester' } } });
    expect(generated.status).toBe(200);
    const { token, conversationId } = generated.body;
    // The id a client names is not honoured (it could be another customer's): a fresh one is made.
    expect(generated.body.userId).toMatch(/^dl_[0-9a-f]{24}$/);
    expect(t.echo.received.some((a) => a.conversation?.id === conversationId)).toBe(false);

    const started = await call('POST', `${DL}/conversations`, { token, body: { user: { id: 'dl_tester' } } });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ conversationId, token });
    expect(started.body.streamUrl ?? null).toBeNull();
    const again = await call('POST', `${DL}/conversations`, { token });
    expect(again.status).toBe(200);
    const updates = t.echo.received.filter((a) => a.conversation?.id === conversationId && a.type === 'conversationUpdate');
    expect(updates).toHaveLength(1);

    const resumed = await call('GET', `${DL}/conversations/${conversationId}?watermark=`, { token });
    expect(resumed).toMatchObject({ status: 200, body: { conversationId, token } });

    const refreshed = await call('POST', `${DL}/tokens/refresh`, { token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.conversationId).toBe(conversationId);
    expect(refreshed.body.token).not.toBe(token);
    const withNew = await call('GET', `${DL}/conversations/${conversationId}/activities`, { token: refreshed.body.token });
    expect(withNew.status).toBe(200);
    expect(withNew.body.activities.map((a: Json) => a.text)).toContain(GREETING);
  });

  it('a client cannot choose its user id: a conversation started for "dl_victim" speaks as a new user', async () => {
    const started = await call('POST', `${DL}/conversations`, { body: { user: { id: 'dl_victim', name: 'Pat' } } });
    expect(started.status).toBe(201);
    const { token, conversationId } = started.body;
    await call('POST', `${DL}/conversations/${conversationId}/activities`, { token, body: { type: 'message', text: 'hi', from: { id: 'dl_victim' } } });
    const seen = t.echo.received.filter((a) => a.conversation?.id === conversationId);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.map((a) => a.from?.id).filter((id) => id === 'dl_victim')).toEqual([]);
    expect(seen.find((a) => a.type === 'message')?.from).toMatchObject({ id: expect.stringMatching(/^dl_[0-9a-f]{24}$/), name: 'Pat' });
  });

  it('answers 401 without a valid token', async () => {
    const { conversationId } = await start();
    const paths = [`${DL}/conversations/${conversationId}/activities`, `${DL}/conversations/${conversationId}`];
    for (const path of paths) {
      expect((await call('GET', path)).status).toBe(401);
      expect((await call('GET', path, { token: 'not-a-token' })).status).toBe(401);
    }
    const post = await call('POST', `${DL}/conversations/${conversationId}/activities`, { body: { type: 'message', text: 'x' } });
    expect(post.status).toBe(401);
    expect(post.body).toEqual({ error: { code: 'Unauthorized', message: expect.any(String) } });
    expect((await call('POST', `${DL}/conversations`, { token: 'forged' })).status).toBe(401);
    expect((await call('POST', `${DL}/tokens/refresh`)).status).toBe(401);
  });

  it('answers 404 for unknown conversations and 403 for another conversation\'s token', async () => {
    const a = await start();
    const b = await start();
    const unknown = `${DL}/conversations/no-such-conversation/activities`;
    expect((await call('GET', unknown, { token: a.token })).status).toBe(404);
    expect((await call('POST', unknown, { token: a.token, body: { type: 'message', text: 'x' } })).status).toBe(404);
    expect((await call('GET', `${DL}/conversations/no-such-conversation`, { token: a.token })).status).toBe(404);
    expect((await call('GET', `${DL}/conversations/${b.conversationId}/activities`, { token: a.token })).status).toBe(403);
    const connector = await call('POST', `${connectorOf(a.conversationId).replace(/conversations\/.*$/, 'conversations/no-such-conversation')}/activities`, { body: { type: 'message', text: 'x' } });
    expect(connector.status).toBe(404);
  });

  it('answers 400 for bad bodies and bad watermarks, never 5xx', async () => {
    const { conversationId, token } = await start();
    const path = `${DL}/conversations/${conversationId}/activities`;
    const bad: Array<{ raw?: string; body?: unknown }> = [
      { raw: '{not json' },
      { body: { text: 'no type' } },
      { body: [1, 2, 3] },
      { body: 'message' },
      { body: { type: 'message', text: 'x'.repeat(10_001) } },
      { body: { type: 'message', channelData: 'not-an-object' } },
      { raw: '' },
    ];
    for (const entry of bad) {
      const result = await call('POST', path, { token, ...entry });
      expect({ entry, status: result.status }).toEqual({ entry, status: 400 });
      expect(result.body.error.code).toBe('BadArgument');
    }
    expect((await call('GET', `${path}?watermark=abc`, { token })).status).toBe(400);
    expect((await call('GET', `${path}?watermark=-1`, { token })).status).toBe(400);
    expect((await call('POST', `${DL}/conversations`, { raw: '{"user":' })).status).toBe(400);
    expect((await call('POST', `${DL}/tokens/generate`, { body: { user: { id: 'has spaces' } } })).status).toBe(400);
    const connector = await call('POST', `${connectorOf(conversationId)}/activities`, { body: { text: 'no type' } });
    expect(connector.status).toBe(400);
    const tooBig = await call('POST', path, { token, raw: JSON.stringify({ type: 'message', text: 'y'.repeat(70_000) }) });
    expect(tooBig.status).toBe(413);
  });

  it('implements the connector calls a bot makes: send, reply, update, delete, members', async () => {
    const { conversationId, token } = await start();
    const connector = connectorOf(conversationId);
    const sent = await call('POST', `${connector}/activities`, { body: { type: 'message', text: 'proactive', serviceUrl: 'x' } });
    expect(sent.status).toBe(200);
    const replyTo = `${conversationId}|0000042`;
    const reply = await call('POST', `${connector}/activities/${encodeURIComponent(replyTo)}`, { body: { type: 'message', text: 'reply' } });
    expect(reply.status).toBe(200);
    const typing = await call('POST', `${connector}/activities/${encodeURIComponent(replyTo)}`, { body: { type: 'typing' } });
    expect(typing.status).toBe(200);
    expect(typing.body.id).toEqual(expect.any(String));
    const updated = await call('PUT', `${connector}/activities/${encodeURIComponent(sent.body.id)}`, { body: { type: 'message', text: 'proactive (edited)' } });
    expect(updated).toEqual({ status: 200, body: { id: sent.body.id } });
    expect((await call('PUT', `${connector}/activities/nope`, { body: { type: 'message' } })).status).toBe(404);
    const members = await call('GET', `${connector}/members`);
    expect(members.body.map((m: Json) => m.role)).toEqual(['user', 'bot']);

    const list = await call('GET', `${DL}/conversations/${conversationId}/activities`, { token });
    const texts = list.body.activities.map((a: Json) => a.text);
    expect(texts).toEqual([GREETING, 'reply', 'proactive (edited)']);
    expect(list.body.activities[1].replyToId).toBe(replyTo);
    expect(list.body.activities[2].id).toBe(sent.body.id);

    expect((await call('DELETE', `${connector}/activities/${encodeURIComponent(sent.body.id)}`)).status).toBe(200);
    const after = await call('GET', `${DL}/conversations/${conversationId}/activities`, { token });
    expect(after.body.activities.map((a: Json) => a.text)).toEqual([GREETING, 'reply']);
  });
});

describe('local Direct Line when the bot is down', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ botEndpoint: () => 'http://127.0.0.1:9/api/messages', directLine: { botTimeoutMs: 2000 } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('still starts, answers 502 to a post, and withdraws the undelivered activity', async () => {
    const start = await fetch(`${t.baseUrl}${DL}/conversations`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(start.status).toBe(201);
    const { conversationId, token } = (await start.json()) as Json;
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const post = await fetch(`${t.baseUrl}${DL}/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ type: 'message', text: 'anyone?', channelData: { clientActivityID: 'c-9' } }),
    });
    expect(post.status).toBe(502);
    expect(((await post.json()) as Json).error.code).toBe('BotError');
    const list = (await (await fetch(`${t.baseUrl}${DL}/conversations/${conversationId}/activities`, { headers: auth })).json()) as Json;
    expect(list.activities).toEqual([]);
    expect(t.logger.lines.some((line) => line.includes('directline.bot_unreachable'))).toBe(true);
  });
});

describe('local Direct Line behind a global restify bodyParser (as the main server mounts it)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ globalBodyParser: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('round-trips a message and still rejects bad JSON with 400', async () => {
    const { conversationId, token } = (await (await fetch(`${t.baseUrl}${DL}/conversations`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json()) as Json;
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const url = `${t.baseUrl}${DL}/conversations/${conversationId}/activities`;
    const post = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text: 'ping', channelData: { clientActivityID: 'g-1' } }) });
    expect(post.status).toBe(200);
    const list = (await (await fetch(url, { headers })).json()) as Json;
    expect(list.activities.map((a: Json) => a.text)).toEqual([GREETING, 'ping', 'Echo: ping']);
    const bad = await fetch(url, { method: 'POST', headers, body: '{oops' });
    expect(bad.status).toBe(400);
  });
});
