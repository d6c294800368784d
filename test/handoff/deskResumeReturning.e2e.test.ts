import type { ReceivedActivity } from '../../tools/lib/localConnector';
import { HttpConversation, RunningStepwise, startStepwise, texts as replyTexts } from '../support/stepwiseServer';

/**
 * A place changed outside the customer's own turn (a desk technician's "resume at step N") is the place a
 * customer who comes back in a new conversation is offered.
 */
const deskId = '19:desk@thread.tacv2';
const mentionPrefix = /^<at>[^<]+<\/at> /;
const texts = (replies: ReceivedActivity[]): string[] => replyTexts(replies).map((text) => text.replace(mentionPrefix, ''));
const step6 = '**Step 6 of 8:** In the **Account name** box, make sure your full email address is entered. Make sure to include the domain (i.e. **@airmail.net**).';

let stepwise: RunningStepwise;
beforeEach(async () => {
  stepwise = await startStepwise((connectorUrl) => ({
    HANDOFF_DESTINATIONS: 'desk',
    DESK_CHANNEL_ID: 'msteams',
    DESK_CONVERSATION_ID: deskId,
    DESK_SERVICE_URL: connectorUrl,
    DESK_TECHNICIANS: '29:alex-teams-id',
  }));
});
afterEach(() => stepwise.stop());

const alex = () =>
  new HttpConversation(stepwise, 'msteams', '29:alex-teams-id', {
    conversationId: deskId,
    userName: 'Alex Tech',
    conversationExtra: { isGroup: true, conversationType: 'channel', tenantId: 'tenant-1' },
  });

test('after "resume at step 6", the customer who comes back in a new conversation is offered step 6, not the step they asked for help on', async () => {
  const customer = new HttpConversation(stepwise);
  await customer.say('Outlook Express');
  await customer.say('done');
  await customer.say('done');
  expect(texts((await customer.say('technician')).replies)[0]).toMatch(/^I'm bringing in a technician\./);
  // The case's card on the desk.
  expect(stepwise.connector.take(deskId)).toHaveLength(1);
  expect(texts((await alex().say('take next')).replies)[0]).toMatch(/^You're connected to the customer for SW-/);

  expect(texts((await alex().say('resume at step 6')).replies)[0]).toMatch(/is back with Stepwise at step 6 of 8: Account name\.$/);
  expect(texts(stepwise.connector.take(customer.address.conversationId))).toEqual([
    'Alex from support has joined the chat and can see the steps you\'ve done. They\'ll never ask for your password.',
    "Alex has sent you back to step 6. Let's carry on.",
    step6,
  ]);

  // The customer leaves without another word, and comes back in a new conversation.
  const again = new HttpConversation(stepwise, 'webchat', customer.address.userId);
  expect(texts((await again.join()).replies)).toEqual(['Welcome back! You were on step 6 of 8 for Outlook Express: continue or start over?']);
  expect(texts((await again.say('continue')).replies)).toEqual([step6]);
});
