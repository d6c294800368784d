import http from 'node:http';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { createMemoryLogger } from '../../src/logging/logger';
import { mountDirectLineTokenRoute } from '../../src/server/webchat';
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

  const mountOn = async (tokenApiUrl: string) => {
    const s = restify.createServer();
    s.use(restify.plugins.bodyParser());
    mountDirectLineTokenRoute(s, { directLineSecret: SECRET, tokenApiUrl, logger, timeoutMs: 2000 });
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
  });

  const getToken = async (url = baseUrl) => {
    const response = await fetch(`${url}/api/directline/token`, { method: 'POST' });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as Json, cacheControl: response.headers.get('cache-control') };
  };

  it('exchanges the secret for a token bound to a fresh dl_ user id', async () => {
    const result = await getToken();
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ token: 'tok-abc', conversationId: 'conv-123', expires_in: 1800, userId: expect.stringMatching(/^dl_[0-9a-f]{32}$/) });
    expect(result.cacheControl).toBe('no-store');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].authorization).toBe(`Bearer ${SECRET}`);
    expect(fake.requests[0].body).toEqual({ user: { id: result.body.userId } });
    expect(result.text).not.toContain(SECRET);

    const second = await getToken();
    expect(second.body.userId).not.toBe(result.body.userId);
  });

  it('answers 502 with a short error when the token API refuses', async () => {
    fake.respond = (res) => {
      res.writeHead(403, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'BadArgument', message: `Invalid secret ${SECRET}` } }));
    };
    const result = await getToken();
    expect(result.status).toBe(502);
    expect(result.body).toEqual({ error: expect.any(String) });
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
    mountDirectLineTokenRoute(s, { directLineSecret: SECRET, fetch: fakeFetch, logger });
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

  it('refuses to mount without a secret', () => {
    expect(() => mountDirectLineTokenRoute(restify.createServer(), { directLineSecret: '  ' })).toThrow(/directLineSecret/);
  });
});
