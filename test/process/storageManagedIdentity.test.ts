import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnector } from '../../tools/lib/localConnector';
import { selfSignedCertificate } from '../../tools/lib/selfSignedCertificate';
import { startAppServiceIdentity, type AppServiceIdentity } from '../support/appServiceIdentity';
import { startAzurite, type Azurite } from '../support/azurite';
import { startBotProcess, type BotProcess } from '../support/botProcess';
import { greeting, outlookExpressIntro, outlookExpressSteps } from '../support/outlookExpress';
import { startExpectingRefusal } from '../support/refusedStart';
import { SharedConversation } from '../support/sharedConversation';
import { texts } from '../support/stepwiseServer';

/**
 * State and timers without an account key: BLOB_ENDPOINT and QUEUE_ENDPOINT, reached with the managed identity.
 * The real DefaultAzureCredential in a real Stepwise process takes its token from an App Service identity endpoint
 * (IDENTITY_ENDPOINT, IDENTITY_HEADER: what App Service and Container Apps give the app) and sends it to Azurite over
 * https (its certificate trusted through NODE_EXTRA_CA_CERTS); Azurite, with `--oauth basic`, accepts only a
 * token with Entra ID's issuer and a storage audience.
 */
let dir: string;
let azurite: Azurite;
let identity: AppServiceIdentity;
let connector: LocalConnector;
let bot: BotProcess | undefined;
const clientId = randomUUID();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stepwise-identity-'));
  const certificate = selfSignedCertificate();
  writeFileSync(join(dir, 'ca.pem'), certificate.cert);
  azurite = await startAzurite({ tls: certificate });
  identity = await startAppServiceIdentity();
  connector = new LocalConnector();
  await connector.start();
}, 60_000);
afterAll(async () => {
  await bot?.kill('SIGTERM');
  await connector?.stop();
  await identity?.stop();
  await azurite?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const settings = (container: string) => ({
  STORAGE: 'blob',
  BLOB_ENDPOINT: azurite.blobEndpoint,
  QUEUE_ENDPOINT: azurite.queueEndpoint,
  BLOB_CONTAINER: container,
  TIMER_QUEUE: `${container}-timers`,
  AZURE_CLIENT_ID: clientId,
  NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'),
});

test('with BLOB_ENDPOINT and QUEUE_ENDPOINT, the state and timers use tokens from the managed identity, and progress survives a restart', async () => {
  const env = { ...settings('by-identity'), ...identity.env };
  bot = await startBotProcess(env);
  expect(bot.output()).toContain('storage ready');

  const customer = new SharedConversation(connector);
  expect(texts((await customer.join(bot.botUrl)).replies)).toEqual([greeting]);
  expect(texts((await customer.say(bot.botUrl, 'Outlook Express')).replies)).toEqual([outlookExpressIntro, outlookExpressSteps[0]]);
  expect(texts((await customer.say(bot.botUrl, 'done')).replies)).toEqual([outlookExpressSteps[1]]);

  await bot.kill('SIGKILL');
  bot = await startBotProcess(env);
  expect(texts((await customer.say(bot.botUrl, 'done')).replies)).toEqual([outlookExpressSteps[2]]);

  // The user-assigned identity named by AZURE_CLIENT_ID, for Azure Storage, as the App Service protocol asks.
  expect(identity.requests.length).toBeGreaterThan(0);
  for (const request of identity.requests) {
    expect(request).toEqual({ resource: 'https://storage.azure.com', clientId, apiVersion: '2019-08-01', secretHeader: identity.env.IDENTITY_HEADER });
  }
  expect(bot.output()).not.toContain('IDENTITY_HEADER');
  expect(bot.output()).not.toContain(identity.env.IDENTITY_HEADER);
}, 90_000);

test('when the managed identity gives no token, start-up stops with one line naming the state store', async () => {
  const ending = await startExpectingRefusal({ ...settings('no-token'), IDENTITY_ENDPOINT: identity.env.IDENTITY_ENDPOINT, IDENTITY_HEADER: 'not-the-secret' });

  expect(ending.code).toBe(1);
  const lines = ending.output.split('\n').filter((line) => line.trim());
  expect(lines.at(-1)).toMatch(/^Stepwise could not start: The state store \(blob container "no-token"\) cannot be written: .+$/);
  expect(ending.output).not.toContain('storage ready');
}, 90_000);
