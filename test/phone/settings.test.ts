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

test('a bad or missing phone setting stops start-up with one line that never shows the access key', () => {
  const http = configError({ ...phone, ACS_CONNECTION_STRING: `endpoint=http://isp-phone.communication.azure.com/;accesskey=${accessKey}` });
  expect(http).toBe(
    'Configuration error: ACS_CONNECTION_STRING must be the Communication Services connection string, endpoint=https://<resource>.communication.azure.com/;accesskey=<key> (got "***")',
  );
  expect(configError({ ...phone, ACS_CALLBACK_BASE_URL: '' })).toBe(
    'Configuration error: ACS_CALLBACK_BASE_URL must be the public https address of this server when ACS_CONNECTION_STRING is set',
  );
  expect(configError({ ...phone, ACS_CALLBACK_BASE_URL: 'http://stepwise.example.net' })).toMatch(/^Configuration error: ACS_CALLBACK_BASE_URL must be the https base URL/);
  expect(configError({ ...phone, ACS_COGNITIVE_SERVICES_ENDPOINT: '' })).toMatch(/^Configuration error: ACS_COGNITIVE_SERVICES_ENDPOINT must be the Azure AI services endpoint/);
  expect(configError({ ...phone, PHONE_TRANSFER_TARGET: '214 555 0100' })).toMatch(/^Configuration error: PHONE_TRANSFER_TARGET must be a phone number in international form/);
  expect(configError({ ...phone, PHONE_SILENCE_SECONDS: '1' })).toBe('Configuration error: PHONE_SILENCE_SECONDS must be an integer from 3 to 300 (seconds) (got "1")');
  expect(configError({ ...phone, ACS_EVENTGRID_SECRET: 'short' })).toBe('Configuration error: ACS_EVENTGRID_SECRET must be at least 16 letters, digits, - or _ (got "***")');
  expect(configError({ ...phone, HANDOFF_DESTINATIONS: 'desk', DESK_CONVERSATION_ID: 'd', DESK_SERVICE_URL: 'http://127.0.0.1:3979', DESK_TECHNICIANS: 't' })).toBe(
    'Configuration error: HANDOFF_DESTINATIONS must include protocol when ACS_CONNECTION_STRING is set: a call is transferred when the conversation sends its handoff event',
  );
  expect(configError({ ACS_CALLBACK_BASE_URL: 'https://stepwise.example.net' })).toBe(
    'Configuration error: ACS_CONNECTION_STRING must be set when ACS_CALLBACK_BASE_URL is: without it the phone bridge is off',
  );
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
