import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { environmentSchema } from '../../src/config/schema';
import { argsOf, envOf, readDockerfile } from '../support/dockerfile';
import { paramDefault, readInfra, templateSettings, variable } from '../support/azureTemplate';

const app = readInfra('modules/containerApp.bicep');
const main = readInfra('main.bicep');
const settings = templateSettings(app);
const schemaSettings = Object.keys(environmentSchema.shape);
/** Read by the runtime and libraries rather than by src/config/schema.ts (AZURE_CLIENT_ID: @azure/identity). */
const readOutsideTheSchema = ['NODE_ENV', 'AZURE_CLIENT_ID'];

/** What Azure puts in the values the template computes (ids, secrets), as a deployment would. */
const deployedValues: Record<string, string> = {
  identityClientId: '0b6c2d3e-1f20-4a5b-8c7d-9e0f1a2b3c4d',
  blobEndpoint: 'https://ststepwise.blob.core.windows.net/',
  queueEndpoint: 'https://ststepwise.queue.core.windows.net/',
  'tenant().tenantId': '72f988bf-86f1-41af-91ab-2d7cd011db47',
  'string(port)': variable(app, 'port')!,
  chatEmbedOrigins: paramDefault(main, 'chatEmbedOrigins')!,
  'isp.companyName': paramDefault(main, 'companyName')!,
  'isp.smtpServer': paramDefault(main, 'smtpServer')!,
  'isp.mailDomain': paramDefault(main, 'mailDomain')!,
  'isp.supportPhone': paramDefault(main, 'supportPhone')!,
  'isp.supportEmail': paramDefault(main, 'supportEmail')!,
};
const deployedSecrets: Record<string, string> = {
  'direct-line-secret': 'direct-line-site-key',
  'applicationinsights-connection-string': 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
};

function deployedEnvironment(): Record<string, string> {
  return Object.fromEntries(
    settings.map((setting) => {
      const value = setting.secretRef ? deployedSecrets[setting.secretRef] : (setting.literal ?? deployedValues[setting.expression!]);
      if (value === undefined) throw new Error(`No deployed value for ${setting.name} (${setting.expression ?? setting.secretRef})`);
      return [setting.name, value];
    }),
  );
}

test('every variable the template sets is a setting of src/config/schema.ts, named exactly', () => {
  const unknown = settings.map((setting) => setting.name).filter((name) => !schemaSettings.includes(name) && !readOutsideTheSchema.includes(name));
  expect(unknown).toEqual([]);
});

test('the configuration the template deploys passes start-up validation: Azure mode, managed identity, blob storage, production Web Chat', () => {
  const config = loadConfig(deployedEnvironment());
  expect(config.localMode).toBe(false);
  expect(config.host).toBe('0.0.0.0');
  expect(config.credentials).toEqual({
    MicrosoftAppType: 'UserAssignedMSI',
    MicrosoftAppId: deployedValues.identityClientId,
    MicrosoftAppPassword: undefined,
    MicrosoftAppTenantId: deployedValues['tenant().tenantId'],
  });
  expect(config.storage).toMatchObject({ kind: 'blob', blobConnectionString: undefined, blobEndpoint: deployedValues.blobEndpoint });
  expect(config.timers).toMatchObject({ connectionString: undefined, endpoint: deployedValues.queueEndpoint });
  expect(deployedEnvironment().AZURE_CLIENT_ID).toBe(deployedValues.identityClientId);
  expect(config.directLineSecret).toBe(deployedSecrets['direct-line-secret']);
});

test('each setting start-up requires in Azure mode is named: without it, start-up stops or falls back to local mode', () => {
  const without = (name: string) => {
    const { [name]: _dropped, ...rest } = deployedEnvironment();
    return () => loadConfig(rest);
  };
  expect(without('MicrosoftAppTenantId')).toThrow('Configuration error: MicrosoftAppTenantId must be the tenant id when MicrosoftAppType is UserAssignedMSI');
  expect(without('BLOB_ENDPOINT')).toThrow(
    'Configuration error: BLOB_CONNECTION_STRING (the Azure Storage connection string) or BLOB_ENDPOINT (reached with the managed identity) must be set when STORAGE is blob',
  );
  expect(without('QUEUE_ENDPOINT')).toThrow("Configuration error: QUEUE_ENDPOINT (the account's https queue endpoint) must be set with BLOB_ENDPOINT: the silence timers are on a queue");
  // Local mode would listen on loopback only: unreachable in a container, and unauthenticated.
  expect(without('MicrosoftAppId')()).toMatchObject({ localMode: true, host: '127.0.0.1' });
  expect(without('STORAGE')().storage.kind).toBe('sqlite');
  expect(without('DIRECT_LINE_SECRET')().directLineSecret).toBeUndefined();
});

test('the storage names agree with the storage account the template creates', () => {
  const storage = readInfra('modules/storage.bicep');
  const env = deployedEnvironment();
  expect(env.BLOB_CONTAINER).toBe(paramDefault(storage, 'stateContainer'));
  expect(env.TIMER_QUEUE).toBe(paramDefault(storage, 'timerQueue'));
});

test('the storage account takes no keys: the app identity gets the blob and queue data roles on it', () => {
  const storage = readInfra('modules/storage.bicep');
  expect(storage).toContain('allowSharedKeyAccess: false');
  expect(storage).not.toContain('listKeys');
  // Storage Blob Data Contributor, Storage Queue Data Contributor: Azure's built-in role ids.
  expect(/var dataRoles = \[\n\s*'([0-9a-f-]+)'\n\s*'([0-9a-f-]+)'\n\]/.exec(storage)?.slice(1)).toEqual(['ba92f5b4-2d11-453d-a403-e96b0029c9fe', '974c5e8b-45b9-4653-ba55-5f855dd0fb88']);
  expect(storage).toMatch(/for role in dataRoles: \{\n\s*name: guid\(account\.id, dataPrincipalId, role\)\n\s*scope: account\n/);
  expect(readInfra('resources.bicep')).toContain('dataPrincipalId: identity.outputs.principalId');
});

test('secrets come from Key Vault references read with the app identity, never as plain values', () => {
  const secretLike = /(password|secret|token|key|connection_string)$/i;
  for (const setting of settings.filter((each) => secretLike.test(each.name))) expect(setting).toHaveProperty('secretRef');
  const secrets = /secrets: \[\n([\s\S]*?)\n\s*\]/.exec(app)![1].trim().split('\n').map((line) => line.trim());
  expect(secrets).toHaveLength(Object.keys(deployedSecrets).length);
  for (const line of secrets) expect(line).toMatch(/^\{ name: '[a-z-]+', keyVaultUrl: \w+SecretUri, identity: identityResourceId \}$/);
  expect(app).not.toMatch(/\bvalue: .*listKeys|passwordSecretRef/);
});

test('probes: liveness and start-up on /healthz, readiness on /readyz, on the port the image listens on', () => {
  const port = variable(app, 'port');
  expect(port).toBe(envOf(readDockerfile().at(-1)!).PORT);
  expect(argsOf(readDockerfile().at(-1)!, 'EXPOSE')).toEqual([port]);
  expect(app).toContain('targetPort: port');
  expect(app).toMatch(/\{ type: 'Startup', httpGet: \{ path: '\/healthz', port: port \}/);
  expect(app).toMatch(/\{ type: 'Liveness', httpGet: \{ path: '\/healthz', port: port \}/);
  expect(app).toMatch(/\{ type: 'Readiness', httpGet: \{ path: '\/readyz', port: port \}/);
});

test('two instances at least, and a termination grace period longer than the drain', () => {
  expect(paramDefault(main, 'minReplicas')).toBe('2');
  expect(main).toMatch(/@minValue\(2\)\n@description\([^)]*\)\nparam minReplicas int = 2/);
  const drain = Number(settings.find((setting) => setting.name === 'SHUTDOWN_DRAIN_SECONDS')!.literal);
  expect(Number(variable(app, 'terminationGraceSeconds'))).toBeGreaterThan(drain);
  expect(app).toContain('terminationGracePeriodSeconds: terminationGraceSeconds');
});

test('the Azure Bot is the app identity (no password) with Web Chat, Direct Line and Teams, pointed at /api/messages', () => {
  const bot = readInfra('modules/bot.bicep');
  expect(bot).toContain("msaAppType: 'UserAssignedMSI'");
  expect(bot).toContain('msaAppMSIResourceId: identityResourceId');
  for (const channel of ['WebChatChannel', 'DirectLineChannel', 'MsTeamsChannel']) expect(bot).toContain(`channelName: '${channel}'`);
  expect(readInfra('resources.bicep')).toContain("endpoint: 'https://${appName}.${environment.outputs.defaultDomain}/api/messages'");
});

test('azure.yaml deploys the Dockerfile to the container app azd finds by its service tag', () => {
  const azureYaml = readFileSync(path.resolve(__dirname, '..', '..', 'azure.yaml'), 'utf8');
  expect(azureYaml).toMatch(/^services:\n {2}bot:\n {4}project: \.\n {4}language: ts\n {4}host: containerapp\n {4}docker:\n {6}path: \.\/Dockerfile\n/m);
  expect(azureYaml).toMatch(/^infra:\n {2}provider: bicep\n {2}path: infra\n {2}module: main$/m);
  expect(readInfra('resources.bicep')).toContain("tags: union(tags, { 'azd-service-name': 'bot' })");
  expect(main).toMatch(/^output AZURE_CONTAINER_REGISTRY_ENDPOINT string = /m);
  const parameters = JSON.parse(readInfra('main.parameters.json')) as { parameters: Record<string, { value: string }> };
  expect(parameters.parameters.botImageName.value).toBe('${SERVICE_BOT_IMAGE_NAME=}');
});
