import { spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';
import { childEnv, projectRoot, spawnStepwise } from '../support/spawnedStepwise';
import { logRecords } from '../support/logRecords';
import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

describe('local mode binds to loopback', () => {
  test('by default it listens on 127.0.0.1', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
  });

  test.each(['127.0.0.1', '::1', 'localhost', '127.0.1.1'])('HOST=%s is fine', (host) => {
    expect(loadConfig({ HOST: host }).host).toBe(host);
  });

  test('a public HOST is refused unless ALLOW_PUBLIC_LOCAL_MODE=true', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(
      new ConfigError(
        'Configuration error: HOST must be a loopback address (127.0.0.1, ::1 or localhost) in local mode, where requests are not authenticated; set MicrosoftAppId, or ALLOW_PUBLIC_LOCAL_MODE=true to accept the risk (got "0.0.0.0")',
      ),
    );
    expect(loadConfig({ HOST: '0.0.0.0', ALLOW_PUBLIC_LOCAL_MODE: 'true' })).toMatchObject({ host: '0.0.0.0', localMode: true });
    expect(() => loadConfig({ HOST: '0.0.0.0', ALLOW_PUBLIC_LOCAL_MODE: 'maybe' })).toThrow(
      new ConfigError('Configuration error: ALLOW_PUBLIC_LOCAL_MODE must be true or false (got "maybe")'),
    );
  });

  test('with credentials a public HOST needs no opt-in', () => {
    expect(loadConfig({ HOST: '0.0.0.0', MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'x' }).host).toBe('0.0.0.0');
  });

  test('the real process refuses to start on 0.0.0.0 in local mode without the opt-in', () => {
    const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', path.join(projectRoot, 'src', 'index.ts')], {
      cwd: projectRoot,
      env: childEnv({ HOST: '0.0.0.0' }),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Configuration error: HOST must be a loopback address');
  });

  test('with ALLOW_PUBLIC_LOCAL_MODE=true the real process starts on 0.0.0.0 and logs a warning', async () => {
    const stepwise = await spawnStepwise({ HOST: '0.0.0.0', ALLOW_PUBLIC_LOCAL_MODE: 'true' });
    try {
      const health = await fetch(`${stepwise.baseUrl}/healthz`);
      expect(health.status).toBe(200);
      const warning = logRecords(stepwise.output()).find((record) => record.level === 'warn');
      expect(warning?.msg).toMatch(
        /^Local mode is listening on 0\.0\.0\.0 \(ALLOW_PUBLIC_LOCAL_MODE=true\): anyone who can reach this port can talk to the bot without authentication\./,
      );
    } finally {
      await stepwise.stop();
    }
  });
});

/** This machine's first non-loopback IPv4 address (any private address if it has none). */
function networkAddress(): string {
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal);
  return external?.address ?? '10.0.0.1';
}

describe('local mode replies only to loopback', () => {
  let stepwise: RunningStepwise;
  let trap: http.Server;
  let trapped = 0;
  let trapPort = 0;

  beforeAll(async () => {
    stepwise = await startStepwise();
    // Listens on every interface: if the bot ever posted to one of the URLs below, it would land here.
    trap = http.createServer((req, res) => {
      trapped += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => trap.listen(0, '0.0.0.0', resolve));
    trapPort = (trap.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await stepwise.stop();
    trap.closeAllConnections();
    await new Promise<void>((resolve) => trap.close(() => resolve()));
  });

  const forbidden = { error: 'Forbidden: in local mode replies go only to a loopback serviceUrl (localhost, 127.0.0.1 or ::1).' };

  test.each([
    ['a public host', () => 'https://example.com/'],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
    ['0.0.0.0, which reaches this machine on Linux', () => `http://0.0.0.0:${trapPort}`],
    ["this machine's own network address", () => `http://${networkAddress()}:${trapPort}`],
    ['loopback with credentials in the URL', () => `http://user:secret@127.0.0.1:${trapPort}`],
  ])('a serviceUrl at %s is refused with 403 before the turn, and nothing is sent', async (_name, serviceUrl) => {
    const conversation = new HttpConversation(stepwise);
    await conversation.say('Outlook Express');

    for (const deliveryMode of [undefined, 'expectReplies']) {
      const response = await fetch(stepwise.botUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text: 'done',
          channelId: 'webchat',
          serviceUrl: serviceUrl(),
          conversation: { id: conversation.address.conversationId },
          from: { id: conversation.address.userId },
          deliveryMode,
        }),
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual(forbidden);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(trapped).toBe(0);

    // The refused "done" did not move the customer: still at step 1.
    const repeat = await conversation.say('repeat');
    expect(texts(repeat.replies)).toEqual(['**Step 1 of 8:** Click on the **Tools** menu, then choose **Accounts**.']);
  });

  test('a serviceUrl that is not an http(s) URL is a 400', async () => {
    const conversation = new HttpConversation(stepwise);
    for (const serviceUrl of ['file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      const result = await conversation.send({ type: 'message', text: 'hi', serviceUrl });
      expect(result.status).toBe(400);
      expect(result.replies).toEqual([]);
    }
  });
});
