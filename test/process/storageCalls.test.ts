import { azuriteConnectionString, startAzurite, type Azurite } from '../support/azurite';
import { startCountingProxy, type CountingProxy } from '../../tools/lib/countingProxy';
import { outlookExpressSteps } from '../support/outlookExpress';
import { HttpConversation, RunningStepwise, startStepwise, texts } from '../support/stepwiseServer';

/**
 * What a turn costs the production store, counted on the wire: Stepwise on Azure Blob storage (Azurite) through a
 * proxy that records every request. The timers' queue is reached directly: only the state store is counted.
 */
let azurite: Azurite;
let proxy: CountingProxy;
let stepwise: RunningStepwise;

beforeAll(async () => {
  azurite = await startAzurite();
  proxy = await startCountingProxy(azurite.port);
  stepwise = await startStepwise({
    STORAGE: 'blob',
    BLOB_CONNECTION_STRING: azuriteConnectionString(proxy.port, azurite.queuePort),
    BLOB_CONTAINER: 'storage-calls',
  });
}, 60_000);
afterAll(async () => {
  await stepwise?.stop();
  await proxy?.close();
  await azurite?.stop();
});

/** Says `text`; resolves with the replies and the requests the turn made, named by what they touch. */
async function say(customer: HttpConversation, text: string) {
  proxy.take();
  const turn = await customer.say(text);
  const requests = proxy
    .take()
    // Keys are encoded into blob names, which the client encodes again for the URL.
    .map((call) => decodeURIComponent(call).replace(/\/devstoreaccount1\/storage-calls(-desk)?\//, '').replaceAll(customer.address.conversationId, '<them>'))
    .map((call) => call.replace(/stepwise\/handoff\/queue\/\S+/, 'stepwise/handoff/queue/<their marker>'))
    .sort();
  return { texts: texts(turn.replies), requests };
}

test('a turn on the steps costs one read and one write: GET and PUT of the customer\'s state', async () => {
  const customer = new HttpConversation(stepwise);
  await say(customer, 'Outlook Express');
  await say(customer, 'done');

  for (const [text, reply] of [
    ['done', outlookExpressSteps[2]],
    ['help', undefined],
    ['done', outlookExpressSteps[3]],
  ] as const) {
    const turn = await say(customer, text);
    if (reply) expect(turn.texts).toEqual([reply]);
    expect(turn.requests).toEqual(['GET webchat/conversations/<them>', 'PUT webchat/conversations/<them>']);
  }
});

/** A customer on step 2 asks for a technician; resolves with the requests of that turn. */
async function askForTechnician(on: RunningStepwise): Promise<string[]> {
  const customer = new HttpConversation(on);
  await say(customer, 'Outlook Express');
  await say(customer, 'done');
  const handoff = await say(customer, 'technician');
  expect(handoff.texts[0]).toMatch(/^I'm bringing in a technician\./);
  return handoff.requests;
}

test('asking for a technician (the desk is not set up: the handoff protocol) costs a GET and 2 PUTs: the case at the pointer, the state', async () => {
  expect(await askForTechnician(stepwise)).toEqual(
    [
      'GET webchat/conversations/<them>',
      'PUT stepwise/handoff/open/webchat/conversations/<them>',
      'PUT webchat/conversations/<them>',
    ].sort(),
  );
});

describe('with the technician desk', () => {
  let withDesk: RunningStepwise;
  beforeAll(async () => {
    withDesk = await startStepwise((serviceUrl) => ({
      STORAGE: 'blob',
      BLOB_CONNECTION_STRING: azuriteConnectionString(proxy.port, azurite.queuePort),
      BLOB_CONTAINER: 'storage-calls-desk',
      HANDOFF_DESTINATIONS: 'desk',
      DESK_CHANNEL_ID: 'msteams',
      DESK_CONVERSATION_ID: '19:desk@thread.tacv2',
      DESK_SERVICE_URL: serviceUrl,
      DESK_TECHNICIANS: '29:alex',
    }));
  }, 60_000);
  afterAll(() => withDesk?.stop());

  test('asking for a technician costs 5 requests: the state read, the queue marker, the case, the queue listed (their place), the state', async () => {
    expect(await askForTechnician(withDesk)).toEqual(
      [
        'GET webchat/conversations/<them>',
        'PUT stepwise/handoff/queue/<their marker>',
        'PUT stepwise/handoff/open/webchat/conversations/<them>',
        // A listing of the container by prefix (the queue markers).
        'GET /devstoreaccount1/storage-calls-desk',
        'PUT webchat/conversations/<them>',
      ].sort(),
    );
  });
});
