import { statSync } from 'node:fs';
import restify from 'restify';
import { mountWebChatPage } from '../../src/server/webchat';
import { resolveWebChatBundle } from '../../src/server/webchat/webChatBundle';
import { listenOnLoopback } from '../support/listen';
import { TEST_PAGE } from '../support/testServer';

describe('Web Chat page', () => {
  let baseUrl: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const server = restify.createServer();
    mountWebChatPage(server, {
      ...TEST_PAGE,
      companyName: 'Airmail & Co <ISP>',
      directLineDomain: 'https://europe.directline.botframework.com/v3/directline/',
      tokenEndpoint: '/api/directline/token',
    });
    ({ baseUrl, close } = await listenOnLoopback(server));
  });
  afterAll(() => close());

  it('serves an HTML page titled with the company name, with a strict CSP and no inline script', async () => {
    const response = await fetch(`${baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<title>Airmail &amp; Co &lt;ISP&gt; support chat</title>');
    expect(html).not.toContain('<ISP>');
    expect(html).toContain('name="viewport" content="width=device-width, initial-scale=1');
    expect(html).toMatch(/<script src="\/webchat\/webchat\.js\?v=[^"]+" defer><\/script>/);
    expect(html).toMatch(/<script src="\/webchat\/app\.js\?v=[^"]+" defer><\/script>/);
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull();
    expect(html).toContain('data-domain="https://europe.directline.botframework.com/v3/directline"');
    expect(html).toContain('data-token-endpoint="/api/directline/token"');
    expect(html).not.toMatch(/cdn\.botframework\.com/);
    // The page's own lines: hidden until the script shows them; the support number dials.
    expect(html).toContain('<p id="webchat-waiting" class="notice notice-waiting" role="status" hidden>Waiting for a technician…</p>');
    expect(html).toContain(
      '<p id="webchat-unreachable" class="notice notice-error" role="alert" hidden>The assistant cannot be reached. Call <a class="phone" href="tel:+18005550100">1-800-555-0100</a>.</p>',
    );
    expect(html).toContain('data-support-phone="1-800-555-0100" data-support-phone-dialled="+18005550100"');

    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toMatch(/connect-src 'self' https:\/\/directline\.botframework\.com https:\/\/europe\.directline\.botframework\.com/);
  });

  it('serves the browser script and stylesheet', async () => {
    const app = await fetch(`${baseUrl}/webchat/app.js`);
    expect(app.status).toBe(200);
    expect(app.headers.get('content-type')).toMatch(/^application\/javascript/);
    const script = await app.text();
    expect(script).toMatch(/createDirectLine\(\{\s+domain: domain,\s+token: session\.token,\s+webSocket: false,\s+conversationStartProperties: \{ locale: locale \}\s+\}\)/);
    // The page's language is Web Chat's locale, and the greeting's.
    expect(script).toContain("var locale = document.documentElement.lang || 'en-US';");
    expect(() => new Function(script)).not.toThrow();
    const css = await fetch(`${baseUrl}/webchat/app.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('streams the Web Chat bundle from node_modules with caching headers', async () => {
    const size = statSync(resolveWebChatBundle()).size;
    const plain = await fetch(`${baseUrl}/webchat/webchat.js`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const etag = plain.headers.get('etag');
    expect(etag).toBeTruthy();
    const body = Buffer.from(await plain.arrayBuffer());
    expect(body.length).toBe(size);

    const revalidated = await fetch(`${baseUrl}/webchat/webchat.js`, { headers: { 'Accept-Encoding': 'identity', 'If-None-Match': etag! } });
    expect(revalidated.status).toBe(304);

    // Node's fetch asks for gzip and inflates transparently.
    const gzipped = await fetch(`${baseUrl}/webchat/webchat.js`);
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(Buffer.from(await gzipped.arrayBuffer()).equals(body)).toBe(true);
  });

  it('defaults the token endpoint to /api/directline/token, the one route for both modes', async () => {
    const local = restify.createServer();
    mountWebChatPage(local, { ...TEST_PAGE, companyName: 'Airmail', directLineDomain: '/v3/directline' });
    const listening = await listenOnLoopback(local);
    try {
      const response = await fetch(`${listening.baseUrl}/`);
      const html = await response.text();
      expect(html).toContain('data-token-endpoint="/api/directline/token"');
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self' https://directline.botframework.com;");
    } finally {
      await listening.close();
    }
  });
});
