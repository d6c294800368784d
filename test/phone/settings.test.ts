import { CallAutomationClient } from '@azure/communication-call-automation';
import { ConfigError, loadConfig } from '../../src/config/config';
import { describeConfig } from '../../src/config/describe';
import { AcsStandIn } from '../../tools/lib/acsStandIn';
import { startStepwise } from '../support/stepwiseServer';

const accessKey = Buffer.from('not a real key, only for the tests').toString('base64');
const phone = {
  ACS_CONNECTION_STRING: `endpoint=https://isp-phone.communication.azure.com/;accesskey=${accessKey}`,
  ACS_CALLBACK_BASE_URL: 'https://stepwise.example.net',
  ACS_COGNITIVE_SERVICES_ENDPOINT: 'https://isp-speech.cognitiveservices.azure.com/',
};

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

test('the bridge is off without ACS_CONNECTION_STRING, and its routes are not there', async () => {
  expect(loadConfig({}).phone).toBeUndefined();
  const stepwise = await startStepwise();
  try {
    const response = await fetch(`${stepwise.baseUrl}/api/calls/incoming`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
    expect(response.status).toBe(404);
  } finally {
    await stepwise.stop();
  }
});

test('with a connection string: the defaults, the transfer target from TRANSFER_PHONE, https required', () => {
  expect(loadConfig({ ...phone, TRANSFER_PHONE: '+12145550100' }).phone).toEqual({
    connectionString: phone.ACS_CONNECTION_STRING,
    endpoint: 'https://isp-phone.communication.azure.com/',
    callbackBaseUrl: 'https://stepwise.example.net',
    cognitiveServicesEndpoint: 'https://isp-speech.cognitiveservices.azure.com/',
    transferTarget: '+12145550100',
    silenceSeconds: 20,
    eventGridSecret: undefined,
    eventGridTopic: undefined,
    allowInsecureEndpoint: false,
  });
  expect(loadConfig(phone).phone?.transferTarget).toBe('+18002324335');
  expect(loadConfig({ ...phone, PHONE_TRANSFER_TARGET: '8:acs:1f2e3d4c-0000-0000-0000-000000000000_0000001a-aaaa-bbbb-cccc-000000000000' }).phone?.transferTarget).toBe(
    '8:acs:1f2e3d4c-0000-0000-0000-000000000000_0000001a-aaaa-bbbb-cccc-000000000000',
  );
  // Only a loopback endpoint (the local stand-in) may be http.
  expect(loadConfig({ ...phone, ACS_CONNECTION_STRING: `endpoint=http://127.0.0.1:4010/;accesskey=${accessKey}`, ACS_CALLBACK_BASE_URL: 'http://127.0.0.1:3978' }).phone)
    .toMatchObject({ allowInsecureEndpoint: true });
});

test('ACS_ENDPOINT instead of the connection string: the managed identity reaches the resource; never both', () => {
  const { ACS_CONNECTION_STRING: _key, ...rest } = phone;
  const identity = { ...rest, ACS_ENDPOINT: 'https://isp-phone.communication.azure.com' };
  expect(loadConfig(identity).phone).toMatchObject({ connectionString: undefined, endpoint: 'https://isp-phone.communication.azure.com/', allowInsecureEndpoint: false });
  expect(configError({ ...phone, ACS_ENDPOINT: identity.ACS_ENDPOINT })).toBe(
    'Configuration error: ACS_CONNECTION_STRING and ACS_ENDPOINT are both set: set ACS_CONNECTION_STRING to use its access key, or ACS_ENDPOINT alone to use the managed identity',
  );
  expect(configError({ ...identity, ACS_ENDPOINT: 'http://isp-phone.communication.azure.com' })).toMatch(/^Configuration error: ACS_ENDPOINT must be the Communication Services endpoint/);
});

test('a bad or missing phone setting stops start-up with one line that never shows the access key', () => {
  const http = configError({ ...phone, ACS_CONNECTION_STRING: `endpoint=http://isp-phone.communication.azure.com/;accesskey=${accessKey}` });
  expect(http).toBe(
    'Configuration error: ACS_CONNECTION_STRING must be the Communication Services connection string, endpoint=https://<resource>.communication.azure.com/;accesskey=<key> (got "***")',
  );
  expect(configError({ ...phone, ACS_CALLBACK_BASE_URL: '' })).toBe(
    'Configuration error: ACS_CALLBACK_BASE_URL must be the public https address of this server when the phone bridge is on',
  );
  expect(configError({ ...phone, ACS_CALLBACK_BASE_URL: 'http://stepwise.example.net' })).toMatch(/^Configuration error: ACS_CALLBACK_BASE_URL must be the https base URL/);
  expect(configError({ ...phone, ACS_COGNITIVE_SERVICES_ENDPOINT: '' })).toMatch(/^Configuration error: ACS_COGNITIVE_SERVICES_ENDPOINT must be the Azure AI services endpoint/);
  expect(configError({ ...phone, PHONE_TRANSFER_TARGET: '214 555 0100' })).toMatch(/^Configuration error: PHONE_TRANSFER_TARGET must be a phone number in international form/);
  expect(configError({ ...phone, PHONE_SILENCE_SECONDS: '1' })).toBe('Configuration error: PHONE_SILENCE_SECONDS must be an integer from 3 to 300 (seconds) (got "1")');
  expect(configError({ ...phone, ACS_EVENTGRID_SECRET: 'short' })).toBe('Configuration error: ACS_EVENTGRID_SECRET must be at least 16 letters, digits, - or _ (got "***")');
  expect(configError({ ...phone, HANDOFF_DESTINATIONS: 'desk', DESK_CONVERSATION_ID: 'd', DESK_SERVICE_URL: 'http://127.0.0.1:3979', DESK_TECHNICIANS: 't' })).toBe(
    'Configuration error: HANDOFF_DESTINATIONS must include protocol when the phone bridge is on: a call is transferred when the conversation sends its handoff event',
  );
  expect(configError({ ACS_CALLBACK_BASE_URL: 'https://stepwise.example.net' })).toBe(
    'Configuration error: ACS_CONNECTION_STRING or ACS_ENDPOINT must be set when ACS_CALLBACK_BASE_URL is: without either the phone bridge is off',
  );
});

test('ACS_RESOURCE_ID turns the check of ACS-signed callback tokens on, with the keys from ACS unless told another address', () => {
  expect(loadConfig(phone).phone?.callbackTokens).toBeUndefined();
  expect(loadConfig({ ...phone, ACS_RESOURCE_ID: '3F9C1B52-7E4A-4D6B-A1C8-5B2E9D0F6A71' }).phone?.callbackTokens).toEqual({
    audience: '3f9c1b52-7e4a-4d6b-a1c8-5b2e9d0f6a71',
    openIdConfigurationUrl: 'https://acscallautomation.communication.azure.com/calling/.well-known/acsopenidconfiguration',
  });
  const standIn = { ...phone, ACS_RESOURCE_ID: '3f9c1b52-7e4a-4d6b-a1c8-5b2e9d0f6a71', ACS_OPENID_CONFIGURATION_URL: 'http://127.0.0.1:4010/calling/.well-known/acsopenidconfiguration' };
  expect(loadConfig(standIn).phone?.callbackTokens?.openIdConfigurationUrl).toBe('http://127.0.0.1:4010/calling/.well-known/acsopenidconfiguration');

  expect(configError({ ...phone, ACS_RESOURCE_ID: 'isp-phone' })).toBe(
    'Configuration error: ACS_RESOURCE_ID must be the Communication Services resource\'s Immutable Resource ID (Properties), a GUID such as 6b1f3c2e-8a4d-4f0e-9c7b-2d5e1a9f4c30 (got "isp-phone")',
  );
  expect(configError({ ...standIn, ACS_OPENID_CONFIGURATION_URL: 'http://keys.example.net/openid' })).toMatch(
    /^Configuration error: ACS_OPENID_CONFIGURATION_URL must be the https address of the Call Automation OpenID configuration/,
  );
  expect(configError({ ...phone, ACS_OPENID_CONFIGURATION_URL: standIn.ACS_OPENID_CONFIGURATION_URL })).toBe(
    'Configuration error: ACS_RESOURCE_ID must be set when ACS_OPENID_CONFIGURATION_URL is: without it callback tokens are not checked',
  );
  expect(configError({ ACS_RESOURCE_ID: standIn.ACS_RESOURCE_ID })).toBe('Configuration error: ACS_CONNECTION_STRING or ACS_ENDPOINT must be set when ACS_RESOURCE_ID is: without either the phone bridge is off');
});

test('ACS_SMS_FROM turns "text me the steps" on, with a link to this server\'s chat page unless told another', () => {
  expect(loadConfig(phone).phone?.textMessages).toBeUndefined();
  expect(loadConfig({ ...phone, ACS_SMS_FROM: '+18005550100' }).phone?.textMessages).toEqual({ from: '+18005550100', chatPageUrl: 'https://stepwise.example.net/' });
  expect(loadConfig({ ...phone, ACS_SMS_FROM: '262966', PHONE_CHAT_PAGE_URL: 'https://help.example.net/chat' }).phone?.textMessages).toEqual({
    from: '262966',
    chatPageUrl: 'https://help.example.net/chat',
  });
  expect(configError({ ...phone, ACS_SMS_FROM: '800-555-0100' })).toBe(
    'Configuration error: ACS_SMS_FROM must be the resource\'s SMS-enabled phone number in international form such as +18005550199, or its short code (got "800-555-0100")',
  );
  expect(configError({ ...phone, ACS_SMS_FROM: '+18005550100', PHONE_CHAT_PAGE_URL: 'http://help.example.net/' })).toMatch(/^Configuration error: PHONE_CHAT_PAGE_URL must be the https address of the website chat page/);
  expect(configError({ ...phone, PHONE_CHAT_PAGE_URL: 'https://help.example.net/' })).toBe(
    'Configuration error: ACS_SMS_FROM must be set when PHONE_CHAT_PAGE_URL is: without it no links are texted',
  );
  expect(configError({ ACS_SMS_FROM: '+18005550100' })).toBe('Configuration error: ACS_CONNECTION_STRING or ACS_ENDPOINT must be set when ACS_SMS_FROM is: without either the phone bridge is off');
});

test('the start-up configuration line masks the connection string and the Event Grid secret', () => {
  const described = describeConfig(loadConfig({ ...phone, ACS_EVENTGRID_SECRET: 'a-long-event-grid-secret' }));
  expect(described['phone.connectionString']).toBe('***');
  expect(described['phone.eventGridSecret']).toBe('***');
  expect(JSON.stringify(described)).not.toContain(accessKey);
  expect(JSON.stringify(described)).not.toContain('a-long-event-grid-secret');
});

test('the SDK refuses an http endpoint unless allowInsecureConnection is set; with it, its HMAC-signed requests reach the stand-in', async () => {
  const acs = new AcsStandIn();
  await acs.start();
  try {
    await expect(new CallAutomationClient(acs.connectionString).answerCall('4:+12145550123', 'http://127.0.0.1:9/cb')).rejects.toThrow(
      /allowInsecureConnection is false/,
    );
    const answered = await new CallAutomationClient(acs.connectionString, { allowInsecureConnection: true }).answerCall('4:+12145550123', 'http://127.0.0.1:9/cb');
    expect(answered.callConnectionProperties.callConnectionId).toBe(acs.requests[0].callConnectionId);
    expect(acs.refused).toEqual([]);
  } finally {
    // The stand-in's CallConnected for this call goes nowhere; stop waits for it.
    await acs.stop();
  }
});
