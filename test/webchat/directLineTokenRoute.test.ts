import http from 'node:http';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { createMemoryLogger } from '../../src/logging/logger';
import { azureConversationIssuer, credentialKeyFromSecret, mountDirectLineTokenRoute } from '../../src/server/webchat';
import { listenOnLoopback } from '../support/listen';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SECRET = 'dl-secret-XYZ.0123456789abcdef';

/** A stand-in for https://directline.botframework.com/v3/directline/tokens/generate on loopback. */
interface FakeTokenApi {
  url: string;
  requests: Array<{ authorization?: string; body: Json }>;
  respond: (res: http.ServerResponse) => void;
  close(): Promise<void>;
}

async function startFakeTokenApi(): Promise<FakeTokenApi> {
  const fake: Partial<FakeTokenApi> = { requests: [] };
  fake.respond = (res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ conversationId: 'conv-123', token: 'tok-abc', expires_in: 1800 }));
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      fake.requests!.push({ authorization: req.headers.authorization, body: raw ? JSON.parse(raw) : {} });
      fake.respond!(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}/v3/directline/tokens/generate`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake as FakeTokenApi;
}

describe('POST /api/directline/token (production token exchange)', () => {
  let fake: FakeTokenApi;
  let baseUrl: string;
  let closeServer: () => Promise<void>;
  const logger = createMemoryLogger();

  const mountOn = async (tokenApiUrl: string, secret = SECRET) => {
    const s = restify.createServer();
    s.use(restify.plugins.bodyParser());
    mountDirectLineTokenRoute(s, {
      issue: azureConversationIssuer({ directLineSecret: secret, tokenApiUrl, timeoutMs: 2000 }),
      credentialKey: credentialKeyFromSecret(secret),
      logger,
    });
    const listening = await listenOnLoopback(s);
    return { url: listening.baseUrl, close: listening.close };
  };

  beforeAll(async () => {
    fake = await startFakeTokenApi();
    ({ url: baseUrl, close: closeServer } = await mountOn(fake.url));
  });
  afterAll(async () => {
    await closeServer();
    await fake.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    fake.respond = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ conversationId: 'conv-123', token: 'tok-abc', expires_in: 1800 }));
    };
  });

  const getToken = async (url = baseUrl, body: Json = {}) => {
    const response = await fetch(`${url}/api/directline/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as Json, cacheControl: response.headers.get('cache-control') };
  };

  it('exchanges the secret for a token bound to a fresh dl_ user id, and gives the credential that keeps it', async () => {
    const result = await getToken();
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      token: 'tok-abc',
      conversationId: 'conv-123',
      expires_in: 1800,
      userId: expect.stringMatching(/^dl_[0-9a-f]{32}$/),
      credential: expect.stringMatching(/^v1\.dl_[0-9a-f]{32}\.[A-Za-z0-9_-]{43}$/),
    });
    expect(result.body.credential.split('.')[1]).toBe(result.body.userId);
    expect(result.cacheControl).toBe('no-store');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].authorization).toBe(`Bearer ${SECRET}`);
    expect(fake.requests[0].body).toEqual({ user: { id: result.body.userId } });
    expect(result.text).not.toContain(SECRET);

    const second = await getToken();
    expect(second.body.userId).not.toBe(result.body.userId);
  });

  it('gives a returning customer (their credential) the same user id, on any instance with the same secret', async () => {
    const first = await getToken();
    const again = await getToken(baseUrl, { credential: first.body.credential });
    expect(again.status).toBe(200);
    expect(again.body.userId).toBe(first.body.userId);
    expect(again.body.credential).toBe(first.body.credential);
    expect(fake.requests[1].body).toEqual({ user: { id: first.body.userId } });

    const otherInstance = await mountOn(fake.url);
    try {
      expect((await getToken(otherInstance.url, { credential: first.body.credential })).body.userId).toBe(first.body.userId);
    } finally {
      await otherInstance.close();
    }
  });

  it('gives a forged or tampered credential a fresh user id, never the one it names, and logs it', async () => {
    const first = await getToken();
    const [tag, userId, mac] = first.body.credential.split('.');
    const otherId = `dl_${'a'.repeat(32)}`;
    const flipped = (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1);
    const otherSecret = await mountOn(fake.url, 'another-secret');
    const foreign = (await getToken(otherSecret.url)).body;
    await otherSecret.close();
    const forgeries = [
      `${tag}.${otherId}.${mac}`, // someone else's id with this signature
      `${tag}.${userId}.${flipped}`, // a changed signature
      `${tag}.${userId}`, // no signature
      `v2.${userId}.${mac}`,
      `${first.body.credential}.extra`,
      foreign.credential, // signed with another secret's key
      userId, // a bare id
      '',
    ];
    logger.lines.length = 0;
    for (const credential of forgeries) {
      const result = await getToken(baseUrl, { credential });
      expect(result.status).toBe(200);
      expect(result.body.userId).toMatch(/^dl_[0-9a-f]{32}$/);
      expect([userId, otherId, foreign.userId]).not.toContain(result.body.userId);
    }
    // The empty string is no credential at all; every other one is logged, without the credential itself.
    expect(logger.lines.filter((line) => line.includes('directline_token.credential_rejected'))).toHaveLength(forgeries.length - 1);
    expect(logger.lines.join('\n')).not.toContain(mac);
  });

  it('requires a JSON object body', async () => {
    const post = (init: RequestInit) => fetch(`${baseUrl}/api/directline/token`, { method: 'POST', ...init });
    const noBody = await post({});
    expect(noBody.status).toBe(415);
    expect(await noBody.json()).toEqual({ error: 'Send a JSON body (Content-Type: application/json)' });
    expect((await post({ headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'credential=x' })).status).toBe(415);
    expect((await post({ headers: { 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(415);
    // Not JSON at all: the server's body parser answers (400) before the route.
    expect((await post({ headers: { 'Content-Type': 'application/json' }, body: '{"credential":' })).status).toBe(400);
    for (const body of ['', '[]', '"x"', 'null', '{"credential": 42}', JSON.stringify({ credential: 'x'.repeat(300) })]) {
      const response = await post({ headers: { 'Content-Type': 'application/json' }, body });
      expect([body, response.status]).toEqual([body, 400]);
      expect(await response.json()).toEqual({ error: 'Send a JSON object, e.g. {} or {"credential": "..."}' });
    }
    expect(fake.requests).toHaveLength(0);
    expect((await post({ headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: '{}' })).status).toBe(200);
  });

  it('refuses a browser on another site (Origin), and takes this server\'s own page', async () => {
    const post = (origin: string) =>
      fetch(`${baseUrl}/api/directline/token`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: '{}' });
    for (const origin of ['https://evil.example', 'null', `${baseUrl}.evil.example`, 'http://127.0.0.1:1']) {
      const refused = await post(origin);
      expect([origin, refused.status]).toEqual([origin, 403]);
      expect(await refused.json()).toEqual({ error: 'This page may not start a chat here' });
    }
    expect(fake.requests).toHaveLength(0);
    expect(logger.lines.filter((line) => line.includes('directline_token.origin_refused')).length).toBeGreaterThanOrEqual(4);
    expect((await post(baseUrl)).status).toBe(200);
  });

  it('answers 502 with a short error when the token API refuses', async () => {
    fake.respond = (res) => {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'BadArgument', message: `Invalid secret ${SECRET}` } }));
    };
    const result = await getToken();
    expect(result.status).toBe(502);
    expect(result.body).toEqual({ error: 'Chat is unavailable right now' });
    expect(result.text).not.toContain(SECRET);
  });

  it('answers 502 when the token API sends something unexpected', async () => {
    fake.respond = (res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"token": 42}');
    };
    expect((await getToken()).status).toBe(502);
    fake.respond = (res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>gateway</html>');
    };
    expect((await getToken()).status).toBe(502);
  });

  it('answers 502 when the token API is unreachable', async () => {
    const dead = await mountOn('http://127.0.0.1:9/v3/directline/tokens/generate');
    try {
      const result = await getToken(dead.url);
      expect(result.status).toBe(502);
      expect(result.text).not.toContain(SECRET);
    } finally {
      await dead.close();
    }
  });

  it('uses an injected fetch and never logs the secret', async () => {
    const s = restify.createServer();
    const calls: Array<[string, RequestInit | undefined]> = [];
    const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
      calls.push([String(input), init]);
      return new Response(JSON.stringify({ conversationId: 'c', token: 't', expires_in: 60 }), { status: 200 });
    }) as typeof fetch;
    mountDirectLineTokenRoute(s, {
      issue: azureConversationIssuer({ directLineSecret: SECRET, fetch: fakeFetch }),
      credentialKey: credentialKeyFromSecret(SECRET),
      logger,
    });
    const listening = await listenOnLoopback(s);
    try {
      const result = await getToken(listening.baseUrl);
      expect(result.body).toMatchObject({ token: 't', conversationId: 'c', expires_in: 60 });
      expect(calls[0][0]).toBe('https://directline.botframework.com/v3/directline/tokens/generate');
    } finally {
      await listening.close();
    }
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.lines.join('\n')).not.toContain(SECRET);
  });

  it('refuses to exchange without a secret', () => {
    expect(() => azureConversationIssuer({ directLineSecret: '  ' })).toThrow(/directLineSecret/);
  });
});
