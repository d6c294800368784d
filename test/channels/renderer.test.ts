import type { Activity } from 'botbuilder';
import { rendererMessages, ReplyRenderer } from '../../src/channels/renderer';
import type { Reply } from '../../src/channels/reply';
import { loadContent } from '../../src/content/loader';
import { loadConfig } from '../../src/config/config';
import { childElements, parseXml, textOf } from '../support/xml';

const config = loadConfig({});
const content = loadContent(config.isp);
const renderer = new ReplyRenderer(rendererMessages(content), config.channels);

const threeChoices: Reply = {
  text: '**Step 1 of 8:** Click on the **Tools** menu.',
  spoken: 'Step 1 of 8. Click the Tools menu.',
  expectsReply: true,
  choices: [
    { label: 'Done', value: 'Done' },
    { label: 'Help', value: 'Help' },
    { label: 'Talk to a technician', value: 'Talk to a technician' },
  ],
};
const fourChoices: Reply = { ...threeChoices, choices: [...threeChoices.choices!, { label: 'Back', value: 'Back' }] };

const alice = { id: '29:alice', name: 'Alice Jones' };
const personal = { channelId: 'msteams', conversation: { id: 'a:1', conversationType: 'personal' }, from: alice } as Partial<Activity>;
const channelThread = {
  channelId: 'msteams',
  conversation: { id: '19:x@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true },
  from: alice,
} as Partial<Activity>;

function adaptiveCardOf(activity: Partial<Activity>) {
  expect(activity.attachments).toHaveLength(1);
  expect(activity.attachments![0].contentType).toBe('application/vnd.microsoft.card.adaptive');
  return activity.attachments![0].content as { actions: { type: string; title: string; data: unknown }[]; body: unknown[] };
}

describe('Web Chat', () => {
  test('markdown and every choice as a suggested action', () => {
    const activity = renderer.render(fourChoices, { channelId: 'webchat' });
    expect(activity.textFormat).toBe('markdown');
    expect(activity.text).toBe(fourChoices.text);
    expect(activity.suggestedActions?.actions).toHaveLength(4);
    expect(activity.inputHint).toBe('expectingInput');
  });
});

describe('Teams', () => {
  test('personal chat: up to three choices are suggested actions for that person, with no attachment', () => {
    const activity = renderer.render(threeChoices, personal);
    expect(activity.suggestedActions?.actions.map((a) => a.title)).toEqual(['Done', 'Help', 'Talk to a technician']);
    expect(activity.suggestedActions?.to).toEqual(['29:alice']);
    expect(activity.attachments).toBeUndefined();
    expect(activity.entities).toBeUndefined();
  });

  test('more than three choices become Adaptive Card buttons and no suggested actions', () => {
    const activity = renderer.render(fourChoices, personal);
    expect(activity.suggestedActions).toBeUndefined();
    const card = adaptiveCardOf(activity);
    expect(card.actions.map((a) => [a.type, a.title, a.data])).toEqual([
      ['Action.Submit', 'Done', { text: 'Done' }],
      ['Action.Submit', 'Help', { text: 'Help' }],
      ['Action.Submit', 'Talk to a technician', { text: 'Talk to a technician' }],
      ['Action.Submit', 'Back', { text: 'Back' }],
    ]);
  });

  test('channel thread: the reply @mentions the person it answers and the choices are card buttons', () => {
    const activity = renderer.render(threeChoices, channelThread);
    expect(activity.text).toBe(`<at>Alice Jones</at> ${threeChoices.text}`);
    expect(activity.entities).toEqual([{ type: 'mention', mentioned: { id: '29:alice', name: 'Alice Jones' }, text: '<at>Alice Jones</at>' }]);
    expect(activity.suggestedActions).toBeUndefined();
    expect(adaptiveCardOf(activity).actions).toHaveLength(3);
  });

  test('a reply without choices has neither buttons nor attachments', () => {
    const activity = renderer.render({ text: 'Okay.', expectsReply: false }, channelThread);
    expect(activity.suggestedActions).toBeUndefined();
    expect(activity.attachments).toBeUndefined();
    expect(activity.inputHint).toBe('acceptingInput');
  });
});

describe('voice', () => {
  test.each(['telephony', 'directlinespeech'])('%s: speak is SSML with the voice, the spoken sentence and the numbered choices', (channelId) => {
    const activity = renderer.render(threeChoices, { channelId });
    const speak = parseXml(activity.speak!);
    expect(speak.name).toBe('speak');
    expect(speak.attributes).toEqual({ version: '1.0', xmlns: 'http://www.w3.org/2001/10/synthesis', 'xml:lang': 'en-US' });
    const [voice] = childElements(speak);
    expect(voice.attributes).toEqual({ name: 'en-US-JennyNeural' });
    expect(textOf(speak)).toBe(
      'Step 1 of 8. Click the Tools menu. Say Done or press 1. Say Help or press 2. Say Talk to a technician or press 3.',
    );
    expect(activity.text).toBe(textOf(speak));
    expect(activity.inputHint).toBe('expectingInput');
    expect(activity.suggestedActions).toBeUndefined();
    expect(activity.attachments).toBeUndefined();
  });

  test('markup is dropped and characters special to XML are escaped', () => {
    const activity = renderer.render({ text: 'Type **"you & me" <ok>**', expectsReply: false }, { channelId: 'telephony' });
    expect(activity.speak).toContain('&quot;you &amp; me&quot; &lt;ok&gt;');
    expect(textOf(parseXml(activity.speak!))).toBe('Type "you & me" <ok>');
    expect(activity.inputHint).toBe('acceptingInput');
  });

  test('a phone number is read as one (say-as telephone); the text around it is kept and escaped', () => {
    const activity = renderer.render({ text: 'Call 1-800-232-4335 (toll-free) or (800) 555-0100 & say "hi".', expectsReply: false }, { channelId: 'telephony' });
    const [voice] = childElements(parseXml(activity.speak!));
    const numbers = childElements(voice);
    expect(numbers.map((element) => [element.name, element.attributes, textOf(element)])).toEqual([
      ['say-as', { 'interpret-as': 'telephone' }, '1-800-232-4335'],
      ['say-as', { 'interpret-as': 'telephone' }, '(800) 555-0100'],
    ]);
    expect(textOf(voice)).toBe('Call 1-800-232-4335 (toll-free) or (800) 555-0100 & say "hi".');
    // A step number, a price or a port is not a phone number.
    expect(renderer.render({ text: 'Step 3 of 8: port 587, 2024-11-29.', expectsReply: false }, { channelId: 'telephony' }).speak).not.toContain('say-as');
  });

  test('the voice channels and the voice come from settings', () => {
    const custom = new ReplyRenderer(rendererMessages(content), { voiceChannels: ['phonebridge'], voiceName: 'en-GB-SoniaNeural' });
    const activity = custom.render(threeChoices, { channelId: 'phonebridge' });
    expect(parseXml(activity.speak!).attributes['xml:lang']).toBe('en-GB');
    expect(custom.render(threeChoices, { channelId: 'telephony' }).speak).toBeUndefined();
  });
});

describe('plain text (SMS and unknown channels)', () => {
  test.each(['sms', 'somethingnew'])('%s: no markdown, choices as a numbered list', (channelId) => {
    const activity = renderer.render({ ...threeChoices, text: 'Intro.\n\n**Step 1 of 8:** Click on the **Tools** menu.' }, { channelId });
    expect(activity.text).toBe('Intro.\nStep 1 of 8: Click on the Tools menu.\n1. Done\n2. Help\n3. Talk to a technician');
    expect(activity.textFormat).toBe('plain');
    expect(activity.suggestedActions).toBeUndefined();
    expect(activity.attachments).toBeUndefined();
  });
});

describe('handoff event', () => {
  const summary = {
    client: 'Outlook Express',
    stepReached: '3 of 8',
    step: { number: 3, total: 8, title: 'General tab', instruction: 'Click on the **General** tab.' },
    stepsCompleted: 2,
    reasonText: 'The customer asked for a technician.',
    detail: null,
    recentCustomerMessages: ['done', 'technician'],
    headline: 'Outlook Express: stuck at step 3 of 8: General tab. The customer asked for a technician.',
  };
  const event: Partial<Activity> = {
    type: 'event',
    name: 'handoff.initiate',
    value: summary,
    attachments: [{ contentType: 'application/json', content: [] }],
    conversation: { id: 'c1' } as Activity['conversation'],
    replyToId: 'r1',
  };

  test('Teams: a message with a card carrying the same context, no event', () => {
    const { activities, last } = renderer.renderHandoff(event, channelThread);
    expect(last).toBe(false);
    expect(activities).toHaveLength(1);
    const [message] = activities;
    expect(message.type).toBe('message');
    expect(message.name).toBeUndefined();
    expect(message.value).toEqual(summary);
    expect(message.conversation).toEqual({ id: 'c1' });
    expect(message.replyToId).toBe('r1');
    expect(message.entities?.[0]).toMatchObject({ type: 'mention', mentioned: { id: '29:alice' } });
    expect(message.text).toBe('<at>Alice Jones</at> Technician needed');
    const card = JSON.stringify(adaptiveCardOf(message));
    for (const shown of [summary.headline, 'Outlook Express', '3 of 8: General tab', 'The customer asked for a technician.', '"technician"']) {
      expect(card).toContain(JSON.stringify(shown).slice(1, -1));
    }
  });

  test('voice: the event asks for a transfer to the configured number and goes last', () => {
    const { activities, last } = renderer.renderHandoff(event, { channelId: 'telephony' });
    expect(last).toBe(true);
    expect(activities).toEqual([{ ...event, value: { TargetPhoneNumber: '+18002324335', ...summary } }]);
  });

  test('Web Chat: the event as it is', () => {
    expect(renderer.renderHandoff(event, { channelId: 'webchat' })).toEqual({ activities: [event], last: false });
  });
});
