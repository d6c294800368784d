import { ConfigError, loadConfig } from '../../src/config/config';
import type { HandoffCase } from '../../src/handoff/cases';
import { createBotAuthentication } from '../../src/server/security/authentication';
import { channelIssuer, emulatorIssuer, SigningKeyServer, signToken } from '../support/signingKeys';
import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

/**
 * handoff.status is the contact centre's word that a technician joined, could not, or finished. A
 * customer's own client can post the same event (Direct Line lets it post any activity), so it is
 * accepted only from the configured source: HANDOFF_STATUS_CHANNELS and, with credentials,
 * HANDOFF_STATUS_APP_IDS. Anything else is ignored: one warning in the log, nothing to the
 * customer, the case unchanged.
 */
const forged = { type: 'event', name: 'handoff.status', value: { state: 'accepted' } };
const ignoredLine = 'handoff.status ignored: not from the contact centre';
const joined = 'A technician has joined the conversation.';
const waiting = 'A technician has your details and will reply here. To carry on with the steps on your own instead, say continue; if you no longer need a technician, say cancel.';

async function caseOf(stepwise: RunningStepwise, reference: string): Promise<HandoffCase | undefined> {
  return (await stepwise.app.bot.handoff.cases.all()).find((c) => c.reference === reference);
}

const ignoredLines = (stepwise: RunningStepwise) => stepwise.logLines.filter((line) => line.includes(ignoredLine));

/** A customer handed off (protocol) at step 6 of Outlook Express; resolves with the case reference. */
async function handedOff(customer: HttpConversation): Promise<string> {
  await customer.say('Outlook Express');
  for (let i = 0; i < 5; i++) await customer.say('done');
  const handoff = await customer.say('I need a technician');
  return (handoff.replies.find((a) => a.type === 'event')!.value as { reference: string }).reference;
}

describe('local mode', () => {
  let stepwise: RunningStepwise;
  afterEach(() => stepwise.stop());

  test('by default no handoff.status is accepted: a customer posting "accepted", "failed" or "completed" changes nothing', async () => {
    stepwise = await startStepwise();
    const customer = new HttpConversation(stepwise);
    const reference = await handedOff(customer);
    const before = await caseOf(stepwise, reference);
    expect(before).toMatchObject({ status: 'queued', viaProtocol: true });

    for (const state of ['accepted', 'failed', 'completed']) {
      const result = await customer.send({ ...forged, value: { state } });
      expect(result.status).toBe(200);
      expect(result.replies).toEqual([]);
    }
    expect(await caseOf(stepwise, reference)).toEqual(before);
    const warnings = ignoredLines(stepwise);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(
      new RegExp(`^\\S+ WARN ${ignoredLine} conversationId="${customer.address.conversationId}" channelId="webchat"$`),
    );
    expect(stepwise.logLines.filter((line) => / ERROR /.test(line))).toEqual([]);

    // Still waiting, as before: the bot answers the customer, no technician is said to have joined.
    expect(texts((await customer.say('hello?')).replies)).toEqual([waiting]);
    expect(await caseOf(stepwise, reference)).toMatchObject({ status: 'queued', viaProtocol: true });
  });

  test('with HANDOFF_STATUS_CHANNELS, only events on those channels count: the contact centre\'s channel yes, Web Chat no', async () => {
    stepwise = await startStepwise({ HANDOFF_STATUS_CHANNELS: 'ContactCentre' });
    const onWebChat = new HttpConversation(stepwise);
    const webChatReference = await handedOff(onWebChat);
    const before = await caseOf(stepwise, webChatReference);
    const result = await onWebChat.send(forged);
    expect(result.status).toBe(200);
    expect(result.replies).toEqual([]);
    expect(await caseOf(stepwise, webChatReference)).toEqual(before);
    expect(ignoredLines(stepwise)).toHaveLength(1);

    const viaContactCentre = new HttpConversation(stepwise, 'contactcentre');
    const reference = await handedOff(viaContactCentre);
    const accepted = await viaContactCentre.send(forged);
    expect(texts(accepted.replies)).toEqual([joined]);
    expect(await caseOf(stepwise, reference)).toMatchObject({ status: 'active', activeVia: 'protocol' });
    expect(ignoredLines(stepwise)).toHaveLength(1);
    expect(stepwise.logLines.filter((line) => line.includes('handoff.status accepted from channels'))).toEqual([]);
  });

  test('listing a channel where customers post events themselves, without app ids, is warned about at start-up', async () => {
    stepwise = await startStepwise({ HANDOFF_STATUS_CHANNELS: 'omnichannel,WebChat' });
    expect(stepwise.logLines.filter((line) => line.includes('handoff.status accepted from channels'))).toEqual([
      expect.stringMatching(
        / WARN handoff.status accepted from channels where customers can post events themselves; set HANDOFF_STATUS_APP_IDS channels="webchat"$/,
      ),
    ]);
  });
});

describe('with credentials: the caller\'s app id from its validated token', () => {
  const appId = '11111111-2222-3333-4444-555555555555';
  const serviceUrl = 'https://smba.trafficmanager.net/amer/';
  const env = {
    MicrosoftAppId: appId,
    MicrosoftAppPassword: 'not-a-real-secret',
    HANDOFF_STATUS_CHANNELS: 'webchat',
    HANDOFF_STATUS_APP_IDS: appId.toUpperCase(),
  };
  let keys: SigningKeyServer;
  let stepwise: RunningStepwise;

  beforeAll(async () => {
    // The SDK prints token failures with console.error.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    keys = new SigningKeyServer();
    await keys.start();
    stepwise = await startStepwise(env, { authentication: createBotAuthentication(loadConfig(env).credentials, keys.endpoints) });
  });
  afterAll(async () => {
    await stepwise.stop();
    await keys.stop();
    jest.restoreAllMocks();
  });

  /** A Bot Service channel's token (what a Web Chat customer's messages carry): no app id in it. */
  const channelToken = () => signToken({ claims: { iss: channelIssuer, aud: appId, serviceurl: serviceUrl }, key: keys.trustedKey, kid: keys.trustedKid });
  /** An AAD token issued to a listed app id (appid claim): the contact centre's connector. */
  const appToken = () =>
    signToken({ claims: { iss: emulatorIssuer, aud: appId, appid: appId, ver: '1.0' }, key: keys.trustedKey, kid: keys.trustedKid });

  async function post(token: string, conversationId: string, extra: Record<string, unknown>) {
    const response = await fetch(stepwise.botUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        type: 'message',
        id: `a-${Math.random()}`,
        channelId: 'webchat',
        serviceUrl,
        conversation: { id: conversationId },
        from: { id: 'customer-1' },
        recipient: { id: 'stepwise' },
        deliveryMode: 'expectReplies',
        ...extra,
      }),
    });
    const body = (await response.json().catch(() => ({}))) as { activities?: { type: string; name?: string; text?: string; value?: unknown }[] };
    return { status: response.status, activities: body.activities ?? [] };
  }

  test('on the listed channel, a status the customer\'s client posts with the channel\'s token is ignored; the contact centre\'s app is heard', async () => {
    const conversationId = 'conv-status-auth';
    const say = (text: string) => post(channelToken(), conversationId, { text });
    await say('Outlook Express');
    for (let i = 0; i < 5; i++) await say('done');
    const handoff = await say('I need a technician');
    expect(handoff.status).toBe(200);
    const reference = (handoff.activities.find((a) => a.type === 'event')!.value as { reference: string }).reference;
    const before = await caseOf(stepwise, reference);
    expect(before).toMatchObject({ status: 'queued' });

    const fromCustomer = await post(channelToken(), conversationId, forged);
    expect(fromCustomer.status).toBe(200);
    expect(fromCustomer.activities).toEqual([]);
    expect(await caseOf(stepwise, reference)).toEqual(before);
    expect(ignoredLines(stepwise)).toHaveLength(1);

    const fromContactCentre = await post(appToken(), conversationId, forged);
    expect(fromContactCentre.status).toBe(200);
    // The website chat page hears that a technician joined (its waiting banner goes), then the customer is told.
    expect(fromContactCentre.activities.map((a) => a.text ?? `${a.name} ${JSON.stringify(a.value)}`)).toEqual(['stepwise.handoff {"state":"connected"}', joined]);
    expect(await caseOf(stepwise, reference)).toMatchObject({ status: 'active', activeVia: 'protocol' });
    expect(ignoredLines(stepwise)).toHaveLength(1);
  });
});

describe('configuration', () => {
  test('channels and app ids are read case-insensitively; none by default', () => {
    expect(loadConfig({}).handoff.statusFrom).toBeUndefined();
    expect(
      loadConfig({
        MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
        MicrosoftAppPassword: 'x',
        HANDOFF_STATUS_CHANNELS: 'Omnichannel, directline',
        HANDOFF_STATUS_APP_IDS: 'AAAAAAAA-2222-3333-4444-555555555555',
      }).handoff.statusFrom,
    ).toEqual({ channels: ['omnichannel', 'directline'], appIds: ['aaaaaaaa-2222-3333-4444-555555555555'] });
  });

  test.each([
    [
      { HANDOFF_STATUS_CHANNELS: 'omnichannel', HANDOFF_STATUS_APP_IDS: '11111111-2222-3333-4444-555555555555' },
      'Configuration error: HANDOFF_STATUS_APP_IDS needs MicrosoftAppId: without it no caller is authenticated, so no app id can be checked',
    ],
    [
      { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'x', HANDOFF_STATUS_APP_IDS: '11111111-2222-3333-4444-555555555555' },
      "Configuration error: HANDOFF_STATUS_CHANNELS must name the contact centre's channel when HANDOFF_STATUS_APP_IDS is set",
    ],
    [
      { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'x', HANDOFF_STATUS_CHANNELS: 'omnichannel', HANDOFF_STATUS_APP_IDS: 'contact-centre' },
      'Configuration error: HANDOFF_STATUS_APP_IDS must be a comma-separated list of app ids (GUIDs) (got "contact-centre")',
    ],
  ])('%j is refused at start-up', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
