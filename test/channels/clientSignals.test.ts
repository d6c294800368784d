import { renderSignal } from '../../src/channels/signals';
import { HttpConversation, RunningStepwise, startStepwise } from '../support/stepwiseServer';

/**
 * The website chat page's signals (stepwise.forgotten, stepwise.handoff) reach Direct Line clients only:
 * Teams does not deliver events, and voice and text channels have no page to tell.
 */
describe('renderSignal', () => {
  it.each(['webchat', 'directline', 'WebChat'])('renders events for %s', (channelId) => {
    expect(renderSignal({ kind: 'forgotten' }, channelId)).toEqual({ type: 'event', name: 'stepwise.forgotten' });
    expect(renderSignal({ kind: 'handoff', state: 'waiting' }, channelId)).toEqual({ type: 'event', name: 'stepwise.handoff', value: { state: 'waiting' } });
  });

  it.each(['msteams', 'telephony', 'directlinespeech', 'sms', 'emulator', 'test', undefined])('renders nothing for %s', (channelId) => {
    expect(renderSignal({ kind: 'forgotten' }, channelId)).toBeUndefined();
    expect(renderSignal({ kind: 'handoff', state: 'closed' }, channelId)).toBeUndefined();
  });
});

describe('"forget me" over HTTP', () => {
  let stepwise: RunningStepwise;
  beforeAll(async () => {
    stepwise = await startStepwise();
  });
  afterAll(() => stepwise.stop());

  const forgetMe = async (channelId: string) => {
    const customer = new HttpConversation(stepwise, channelId);
    await customer.say('Outlook Express');
    return (await customer.say('forget me')).replies.map((a) => a.name ?? a.type);
  };

  it('on Web Chat: the confirmation, then the event the page clears its stored credential on', async () => {
    expect(await forgetMe('webchat')).toEqual(['message', 'stepwise.forgotten']);
  });

  it('on Teams and SMS: the confirmation only', async () => {
    expect(await forgetMe('msteams')).toEqual(['message']);
    expect(await forgetMe('sms')).toEqual(['message']);
  });
});
