import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { startTracing } from '../../src/telemetry/tracing';
import { HttpConversation, startStepwise } from '../support/stepwiseServer';

/**
 * The outcome events leave as OpenTelemetry log records where the traces go: one record per event, event name
 * stepwise.outcome, the type as body, the fields as stepwise.* attributes, nothing the customer typed. (Their OTLP
 * export, from a running process to a collector: test/process/otlpExport.test.ts.)
 */
test('a conversation\'s outcome events become log records, one each, with no customer text', async () => {
  const logExporter = new InMemoryLogRecordExporter();
  const tracing = await startTracing({}, { version: '0.1.0', exporter: new InMemorySpanExporter(), logExporter });
  const recorded: string[] = [];
  const stepwise = await startStepwise({}, { outcomeSinks: [tracing.outcomes!, { accept: (events) => recorded.push(...events.map((e) => e.type)) }] });
  try {
    const customer = new HttpConversation(stepwise);
    await customer.say('my password is hunter2, I use Outlook Express');
    await customer.say('done');
  } finally {
    await stepwise.stop();
  }
  const records = logExporter.getFinishedLogRecords();
  expect(records.map((record) => record.body)).toEqual(recorded);
  expect(recorded).toEqual(['started', 'programChosen', 'stepShown', 'stepCompleted', 'stepShown']);
  const completed = records[3];
  expect(completed.eventName).toBe('stepwise.outcome');
  expect(completed.attributes).toEqual({
    'microsoft.custom_event.name': 'StepwiseOutcome',
    'stepwise.type': 'stepCompleted',
    'stepwise.conversation': expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
    'stepwise.channel': 'webchat',
    'stepwise.language': 'en',
    'stepwise.program': 'outlook-express',
    'stepwise.stage': 'steps',
    'stepwise.step': 1,
  });
  expect(completed.resource.attributes['service.name']).toBe('stepwise');
  const everything = JSON.stringify(records.map((record) => [record.body, record.attributes]));
  expect(everything).not.toContain('hunter2');
  expect(everything).not.toContain('Outlook Express');
  await tracing.shutdown();
});
