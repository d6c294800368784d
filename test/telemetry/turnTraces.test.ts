import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { startTracing, type Tracing } from '../../src/telemetry/tracing';
import { HttpConversation, RunningStepwise, startStepwise } from '../support/stepwiseServer';

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let stepwise: RunningStepwise | undefined;

beforeAll(async () => {
  tracing = await startTracing({}, { version: '0.1.0', exporter });
});
afterAll(() => tracing.shutdown());
afterEach(async () => {
  await stepwise?.stop();
  stepwise = undefined;
  exporter.reset();
});

const parentId = (span: ReadableSpan) => span.parentSpanContext?.spanId;

test('each turn is one trace: the turn, the state read, the dialogs, the state write and the replies, with no customer text', async () => {
  stepwise = await startStepwise();
  const customer = new HttpConversation(stepwise);
  await customer.join();
  exporter.reset();

  const { status, replies } = await customer.say('my password is hunter2 and I use Outlook Express');
  expect(status).toBe(200);
  expect(replies.length).toBeGreaterThan(0);

  const spans = exporter.getFinishedSpans();
  const turns = spans.filter((span) => span.name === 'stepwise.turn');
  expect(turns).toHaveLength(1);
  const [turn] = turns;
  expect(turn.attributes).toEqual({ 'stepwise.channel': 'webchat', 'stepwise.activity_type': 'message' });
  expect(turn.resource.attributes['service.name']).toBe('stepwise');
  expect(turn.resource.attributes['service.version']).toBe('0.1.0');

  const traceIds = new Set(spans.map((span) => span.spanContext().traceId));
  expect(traceIds).toEqual(new Set([turn.spanContext().traceId]));
  const names = spans.map((span) => span.name);
  for (const name of ['stepwise.storage.read', 'stepwise.dialogs', 'stepwise.storage.writeGuarded', 'stepwise.replies']) expect(names).toContain(name);
  // The state read, the dialogs, the commit (the state write), then the replies it released: siblings under the turn, in that order.
  const began = (span: ReadableSpan) => BigInt(span.startTime[0]) * 1_000_000_000n + BigInt(span.startTime[1]);
  const first = (name: string) => spans.find((span) => span.name === name)!;
  const steps = ['stepwise.storage.read', 'stepwise.dialogs', 'stepwise.storage.writeGuarded', 'stepwise.replies'].map(first);
  for (const step of steps) expect(parentId(step)).toBe(turn.spanContext().spanId);
  for (let i = 1; i < steps.length; i++) expect(began(steps[i - 1])).toBeLessThanOrEqual(began(steps[i]));
  for (const span of spans.filter((each) => each !== turn)) expect(spans.some((each) => each.spanContext().spanId === parentId(span))).toBe(true);

  const everything = JSON.stringify(spans.map((span) => ({ name: span.name, attributes: span.attributes, events: span.events })));
  expect(everything).not.toContain('hunter2');
  expect(everything).not.toContain('Outlook');
  expect(everything).not.toContain(customer.address.conversationId);
});
