import { execFileSync } from 'node:child_process';
import { loadConfig } from '../../src/config/config';
import { describeConfig, secretMask } from '../../src/config/describe';
import { loadContent } from '../../src/content/loader';
import { createMemoryLogger } from '../../src/logging/logger';
import { createRedactor } from '../../src/privacy/createRedactor';
import { redactingLogger } from '../../src/privacy/redactingLogger';
import { logRecord } from '../support/logRecords';
import { projectRoot, spawnStepwise } from '../support/spawnedStepwise';
import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

const appSecret = 'Sup3r~Secret.Client-Value_42';

describe('configuration in the logs', () => {
  test('describeConfig shows every setting and masks secrets', () => {
    const config = loadConfig({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: appSecret, PORT: '8080' });
    const described = describeConfig(config);
    expect(described).toMatchObject({
      mode: 'azure',
      port: 8080,
      host: '0.0.0.0',
      'credentials.MicrosoftAppId': '11111111-2222-3333-4444-555555555555',
      'credentials.MicrosoftAppPassword': secretMask,
      'credentials.MicrosoftAppTenantId': '(not set)',
      'isp.smtpServer': 'smtp.airmail.net',
      'security.rateLimits.perConversation': 30,
    });
    expect(JSON.stringify(described)).not.toContain(appSecret);
  });

  test('secrets other branches may add are masked by name and by shape', () => {
    const config = loadConfig({}) as unknown as Record<string, unknown>;
    const described = describeConfig({
      ...config,
      storage: {
        kind: 'blob',
        connectionString: 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0a2V5;EndpointSuffix=core.windows.net',
        containerUrl: 'https://acct.blob.core.windows.net/state?sv=2024&sig=abcdef123',
        webhookSecret: 'hook-secret',
        apiKey: 'key-123',
        databaseUrl: 'postgres://stepwise:db-pass-9@db.internal:5432/stepwise',
        notes: 'AccountKey=raw-key-in-a-note;',
      },
    } as never);
    expect(described).toMatchObject({
      'storage.kind': 'blob',
      'storage.connectionString': secretMask,
      'storage.containerUrl': `https://acct.blob.core.windows.net/state?sv=2024&sig=${secretMask}`,
      'storage.webhookSecret': secretMask,
      'storage.apiKey': secretMask,
      'storage.databaseUrl': `postgres://stepwise:${secretMask}@db.internal:5432/stepwise`,
      'storage.notes': `AccountKey=${secretMask};`,
    });
    expect(JSON.stringify(described)).not.toMatch(/c2VjcmV0a2V5|abcdef123|hook-secret|key-123|db-pass-9|raw-key/);
  });

  test('the real process logs its configuration at start-up with the app password masked', async () => {
    const stepwise = await spawnStepwise({
      HOST: '127.0.0.1',
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: appSecret,
    });
    try {
      expect(logRecord(stepwise.output(), 'configuration')).toMatchObject({
        level: 'info',
        mode: 'azure',
        'credentials.MicrosoftAppPassword': secretMask,
        'credentials.MicrosoftAppId': '11111111-2222-3333-4444-555555555555',
      });
      // Unauthenticated requests are refused; nothing about them reveals the secret either.
      const response = await fetch(stepwise.botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(400);
    } finally {
      await stepwise.stop();
    }
    expect(stepwise.output()).not.toContain(appSecret);
  });
});

describe('passwords customers type never reach the logs', () => {
  const content = loadContent(loadConfig({}).isp);

  test('the app logger masks "password is ..." anywhere and lone passwords in customer-text fields, and leaves ids alone', () => {
    const memory = createMemoryLogger();
    const logger = redactingLogger(memory, createRedactor(content));
    logger.error('turn failed: customer wrote my password is Hunter2Secret', {
      conversationId: 'a8f5f167-0e4b-4b7e-9d6c-1f2e3d4c5b6a',
      text: 'Xk9#mP2$vLq',
      error: 'Error: pwd=Tr0ub4dor&3 rejected',
      nested: { recentCustomerMessages: ['done', 'Zq8!rT5#wNp'] },
    });
    const [line] = memory.lines;
    expect(line).toContain('turn failed: customer wrote my password is [password hidden]');
    expect(line).toContain('conversationId="a8f5f167-0e4b-4b7e-9d6c-1f2e3d4c5b6a"');
    expect(line).toContain('text="[password hidden]"');
    expect(line).toContain('error="Error: pwd=[password hidden] rejected"');
    expect(line).toContain('"recentCustomerMessages":["done","[password hidden]"]');
    expect(line).not.toMatch(/Hunter2Secret|Xk9#mP2|Tr0ub4dor|Zq8!rT5/);
  });

  describe('over HTTP, at LOG_LEVEL=debug, through failures and a handoff', () => {
    let stepwise: RunningStepwise;
    beforeAll(async () => {
      // Time stands still, so the seventh message in a conversation is over the limit.
      stepwise = await startStepwise({ LOG_LEVEL: 'debug', RATE_LIMIT_PER_CONVERSATION: '6' }, { clock: { now: () => new Date(0) } });
    });
    afterAll(() => stepwise.stop());

    test('no password form appears in logs, transcripts, handoff payloads or anything sent', async () => {
      const secrets = ['Hunter2SecretXyz', 'Tr0ub4dor&3xx', 'Xk9#mP2$vLq'];
      const conversation = new HttpConversation(stepwise);
      await conversation.say('Outlook Express');
      await conversation.say(`my password is ${secrets[0]}`);
      await conversation.say(`pw: ${secrets[1]} and it still fails`);
      await conversation.say(secrets[2]);
      // A turn that fails (its replies cannot be delivered) and a rate-limited message, both carrying a password.
      await conversation.send({ type: 'message', text: `password=${secrets[0]}`, serviceUrl: `${stepwise.connector.serviceUrl}/broken` });
      await conversation.say(`my password is ${secrets[1]}`);
      await conversation.say(`my password is ${secrets[2]}`);
      expect(stepwise.logLines.some((line) => line.includes('turn failed'))).toBe(true);
      expect(stepwise.logLines.some((line) => line.includes('rate limit reached'))).toBe(true);

      const { conversationId } = conversation.address;
      const transcript = await stepwise.app.bot.transcripts.getTranscriptActivities('webchat', conversationId);
      const everything = JSON.stringify([stepwise.logLines, transcript, stepwise.connector.activities(conversationId)]);
      for (const secret of secrets) expect(everything).not.toContain(secret);
      expect(JSON.stringify(transcript)).toContain('my password is [password hidden]');
    });

    test('a handoff after passwords carries only masked text', async () => {
      const conversation = new HttpConversation(stepwise);
      await conversation.say('Outlook Express');
      await conversation.say('my password is Hunter2SecretXyz');
      const handoff = await conversation.say('technician');
      const event = handoff.replies.find((a) => a.type === 'event');
      expect(event?.name).toBe('handoff.initiate');
      expect(texts(handoff.replies)[0]).toMatch(/technician/);
      expect(JSON.stringify(event)).toContain('my password is [password hidden]');
      expect(JSON.stringify([event, stepwise.logLines])).not.toContain('Hunter2SecretXyz');
    });
  });
});

test('.env is git-ignored and no .env file is tracked', () => {
  const ignored = execFileSync('git', ['check-ignore', '-v', '.env'], { cwd: projectRoot, encoding: 'utf8' });
  expect(ignored).toMatch(/\.gitignore:\d+:\.env\s+\.env/);
  const tracked = execFileSync('git', ['ls-files'], { cwd: projectRoot, encoding: 'utf8' }).split('\n');
  expect(tracked.filter((file) => /(^|\/)\.env$/.test(file))).toEqual([]);
});
