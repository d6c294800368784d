import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { sayText } from '../../tools/lib/botClient';
import { LocalConnector } from '../../tools/lib/localConnector';
import { SpawnedStepwise, spawnStepwise } from '../support/spawnedStepwise';
import { logRecord } from '../support/logRecords';

interface Received {
  method?: string;
  path?: string;
  contentType?: string;
  body: string;
}

let collector: http.Server | undefined;
let connector: LocalConnector | undefined;
let bot: SpawnedStepwise | undefined;

afterEach(async () => {
  await bot?.stop();
  await connector?.stop();
  collector?.closeAllConnections();
  await new Promise((resolve) => (collector ? collector.close(resolve) : resolve(undefined)));
  bot = connector = collector = undefined;
});

test('with OTEL_EXPORTER_OTLP_ENDPOINT set, turn traces go by OTLP/HTTP (JSON) to <endpoint>/v1/traces and outcome events to /v1/logs', async () => {
  const received: Received[] = [];
  collector = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method, path: req.url, contentType: req.headers['content-type'], body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => collector!.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  connector = new LocalConnector();
  await connector.start();

  bot = await spawnStepwise({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
  expect(logRecord(bot.output(), /^Stepwise is listening on /)?.features).toMatch(/ metrics=loopback traces=otlp$/);
  const address = { botUrl: bot.botUrl, serviceUrl: connector.serviceUrl, channelId: 'webchat', conversationId: `conv-${randomUUID()}`, userId: `user-${randomUUID()}` };
  expect((await sayText(address, 'hello')).status).toBe(200);
  // The batch goes out within 5 s, or at the latest when the process stops.
  expect(await bot.stop()).toBe(0);

  const traces = received.filter((request) => request.path === '/v1/traces');
  expect(traces.length).toBeGreaterThan(0);
  for (const request of received) expect(request).toMatchObject({ method: 'POST', path: expect.stringMatching(/^\/v1\/(traces|logs)$/), contentType: 'application/json' });
  // OTLP/JSON: resourceSpans[].scopeSpans[].spans[].name
  const names = traces.flatMap((request) =>
    (JSON.parse(request.body) as { resourceSpans: { scopeSpans: { spans: { name: string }[] }[] }[] }).resourceSpans.flatMap((resource) =>
      resource.scopeSpans.flatMap((scope) => scope.spans.map((span) => span.name)),
    ),
  );
  expect(names.filter((name) => name === 'stepwise.turn')).toHaveLength(1);
  expect(names).toEqual(expect.arrayContaining(['stepwise.dialogs', 'stepwise.replies', 'stepwise.storage.read']));

  // The outcome events of that turn, as log records at <endpoint>/v1/logs: resourceLogs[].scopeLogs[].logRecords[].
  type LogRecordJson = { eventName?: string; body: { stringValue: string }; attributes: { key: string; value: { stringValue?: string } }[] };
  const records = received
    .filter((request) => request.path === '/v1/logs')
    .flatMap((request) =>
      (JSON.parse(request.body) as { resourceLogs: { scopeLogs: { logRecords: LogRecordJson[] }[] }[] }).resourceLogs.flatMap((resource) =>
        resource.scopeLogs.flatMap((scope) => scope.logRecords),
      ),
    );
  expect(records.map((record) => record.body.stringValue)).toEqual(['started']);
  expect(records[0].eventName).toBe('stepwise.outcome');
  const attribute = (name: string) => records[0].attributes.find((each) => each.key === name)?.value.stringValue;
  expect([attribute('stepwise.channel'), attribute('stepwise.language'), attribute('stepwise.entry')]).toEqual(['webchat', 'en', 'greeting']);
}, 60_000);
