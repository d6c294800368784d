import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';

describe('loadConfig', () => {
  test('an empty environment gives local mode on loopback with the seed ISP values', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3978,
      host: '127.0.0.1',
      localMode: true,
      isp: {
        companyName: 'Internet America',
        smtpServer: 'smtp.airmail.net',
        mailDomain: 'airmail.net',
        supportPhone: '1-800-232-4335',
        supportEmail: 'support@airmail.net',
      },
    });
  });

  test('storage defaults to SQLite in ./data, with 30 days of retention and 7 for returning customers', () => {
    expect(loadConfig({})).toMatchObject({
      storage: { kind: 'sqlite', sqlitePath: './data/stepwise.sqlite', blobConnectionString: undefined, blobContainer: 'stepwise', requestTimeoutMs: 4000 },
      retention: { stateDays: 30, returningCustomerDays: 7 },
    });
  });

  test('storage and retention come from the environment', () => {
    const config = loadConfig({
      STORAGE: 'blob',
      BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      BLOB_CONTAINER: 'stepwise-state',
      STORAGE_TIMEOUT_MS: '2500',
      RETENTION_DAYS: '90',
      RETURNING_CUSTOMER_DAYS: '0',
    });
    expect(config.storage).toEqual({
      kind: 'blob',
      sqlitePath: './data/stepwise.sqlite',
      blobConnectionString: 'UseDevelopmentStorage=true',
      blobEndpoint: undefined,
      blobContainer: 'stepwise-state',
      requestTimeoutMs: 2500,
    });
    expect(config.retention).toEqual({ stateDays: 90, returningCustomerDays: 0 });
    expect(loadConfig({ STORAGE: 'memory' }).storage.kind).toBe('memory');
  });

  test('blob storage and its timer queue can be named by endpoint alone, to be reached with the managed identity', () => {
    const config = loadConfig({
      STORAGE: 'blob',
      BLOB_ENDPOINT: 'https://ststepwise.blob.core.windows.net',
      QUEUE_ENDPOINT: 'https://ststepwise.queue.core.windows.net',
    });
    expect(config.storage).toMatchObject({ kind: 'blob', blobConnectionString: undefined, blobEndpoint: 'https://ststepwise.blob.core.windows.net' });
    expect(config.timers).toMatchObject({ connectionString: undefined, endpoint: 'https://ststepwise.queue.core.windows.net', queueName: 'stepwise-timers' });
  });

  test('ISP values and port come from the environment', () => {
    const config = loadConfig({ PORT: '8080', SMTP_SERVER: 'smtp.example.net', MAIL_DOMAIN: 'example.net', SUPPORT_PHONE: '+1 (555) 010-0000' });
    expect(config.port).toBe(8080);
    expect(config.isp.smtpServer).toBe('smtp.example.net');
    expect(config.isp.mailDomain).toBe('example.net');
    expect(config.isp.supportPhone).toBe('+1 (555) 010-0000');
  });

  test('with Azure credentials it leaves local mode and listens on all interfaces', () => {
    const config = loadConfig({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'secret' });
    expect(config.localMode).toBe(false);
    expect(config.host).toBe('0.0.0.0');
  });

  test.each([
    [{ PORT: 'abc' }, 'Configuration error: PORT must be an integer from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'Configuration error: PORT must be an integer from 0 to 65535 (got "70000")'],
    [{ SMTP_SERVER: 'smtp airmail' }, 'Configuration error: SMTP_SERVER must be a host name such as smtp.example.net (got "smtp airmail")'],
    [{ SUPPORT_EMAIL: 'support' }, 'Configuration error: SUPPORT_EMAIL must be an email address such as support@example.net (got "support")'],
    [{ SUPPORT_PHONE: 'call us' }, 'Configuration error: SUPPORT_PHONE must be a phone number such as 1-800-232-4335 (got "call us")'],
    [{ LOG_LEVEL: 'loud' }, 'Configuration error: LOG_LEVEL must be one of debug, info, warn, error, silent (got "loud")'],
    [{ MicrosoftAppType: 'Other' }, 'Configuration error: MicrosoftAppType must be one of MultiTenant, SingleTenant, UserAssignedMSI (got "Other")'],
    [{ MicrosoftAppId: 'not-a-guid' }, 'Configuration error: MicrosoftAppId must be a GUID such as 00000000-0000-0000-0000-000000000000 (got "not-a-guid")'],
    [
      { MicrosoftAppId: '11111111-2222-3333-4444-555555555555' },
      'Configuration error: MicrosoftAppPassword must be the app password (client secret) when MicrosoftAppId is set',
    ],
    [
      { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' },
      'Configuration error: MicrosoftAppTenantId must be the tenant id when MicrosoftAppType is SingleTenant',
    ],
    [{ STORAGE: 'redis' }, 'Configuration error: STORAGE must be one of memory, sqlite, blob (got "redis")'],
    [
      { STORAGE: 'blob' },
      'Configuration error: BLOB_CONNECTION_STRING (the Azure Storage connection string) or BLOB_ENDPOINT (reached with the managed identity) must be set when STORAGE is blob',
    ],
    [
      { STORAGE: 'blob', BLOB_CONNECTION_STRING: '  ' },
      'Configuration error: BLOB_CONNECTION_STRING (the Azure Storage connection string) or BLOB_ENDPOINT (reached with the managed identity) must be set when STORAGE is blob',
    ],
    [
      { STORAGE: 'blob', BLOB_ENDPOINT: 'http://ststepwise.blob.core.windows.net', QUEUE_ENDPOINT: 'https://ststepwise.queue.core.windows.net' },
      'Configuration error: BLOB_ENDPOINT must be the https blob endpoint of the storage account, such as https://<account>.blob.core.windows.net (got "http://ststepwise.blob.core.windows.net")',
    ],
    [
      { STORAGE: 'blob', BLOB_ENDPOINT: 'https://ststepwise.blob.core.windows.net' },
      "Configuration error: QUEUE_ENDPOINT (the account's https queue endpoint) must be set with BLOB_ENDPOINT: the silence timers are on a queue",
    ],
    [
      { STORAGE: 'blob', BLOB_ENDPOINT: 'https://ststepwise.blob.core.windows.net', BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true' },
      'Configuration error: BLOB_CONNECTION_STRING and BLOB_ENDPOINT are both set: set BLOB_CONNECTION_STRING to use its account key, or BLOB_ENDPOINT alone to use the managed identity',
    ],
    [
      { STORAGE: 'blob', BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true', QUEUE_CONNECTION_STRING: 'UseDevelopmentStorage=true', QUEUE_ENDPOINT: 'https://ststepwise.queue.core.windows.net' },
      'Configuration error: QUEUE_CONNECTION_STRING and QUEUE_ENDPOINT are both set: set QUEUE_CONNECTION_STRING to use its account key, or QUEUE_ENDPOINT alone to use the managed identity',
    ],
    [
      { BLOB_CONTAINER: 'Stepwise_State' },
      'Configuration error: BLOB_CONTAINER must be a container name: 3 to 63 lower-case letters, digits and single dashes (got "Stepwise_State")',
    ],
    [{ SQLITE_PATH: ' ' }, 'Configuration error: SQLITE_PATH must be a file path such as ./data/stepwise.sqlite (got " ")'],
    [{ RETENTION_DAYS: '0' }, 'Configuration error: RETENTION_DAYS must be a whole number of days from 1 to 3650 (got "0")'],
    [{ RETENTION_DAYS: 'forever' }, 'Configuration error: RETENTION_DAYS must be a whole number of days from 1 to 3650 (got "forever")'],
    [{ RETURNING_CUSTOMER_DAYS: '1.5' }, 'Configuration error: RETURNING_CUSTOMER_DAYS must be a whole number of days from 0 to 365 (got "1.5")'],
    [
      { RETURNING_CUSTOMER_DAYS: '45' },
      'Configuration error: RETURNING_CUSTOMER_DAYS (45) must not be more than RETENTION_DAYS (30): progress is deleted after RETENTION_DAYS',
    ],
  ])('%j is refused with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  test('a bad value stops start-up with one line naming the variable and a non-zero exit', () => {
    const root = path.resolve(__dirname, '..', '..');
    const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', path.join(root, 'src', 'index.ts')], {
      cwd: root,
      env: { ...process.env, PORT: 'not-a-port', DOTENV_CONFIG_PATH: '/nonexistent/.env' },
      encoding: 'utf8',
      timeout: 20000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => line.trim() && !line.includes('DeprecationWarning') && !line.includes('--trace-deprecation'));
    expect(lines).toEqual(['Configuration error: PORT must be an integer from 0 to 65535 (got "not-a-port")']);
  });
});
