import { content } from '../support/dialogHarness';
import { trainedUnderstanding } from '../../src/understanding/trained';
import { Understanding, UnderstandingContext } from '../../src/understanding/understanding';

let understanding: Understanding;
beforeAll(async () => {
  understanding = await trainedUnderstanding(content);
});

async function intentOf(text: string, context: UnderstandingContext = 'steps') {
  return (await understanding.understand(text, context)).intent;
}

describe('understanding customers', () => {
  it.each([
    ['dnoe', 'done'],
    ['finshed', 'done'],
    ['techincian please', 'human'],
    ['what is my pasword', 'ask.password'],
    ['brb', 'wait'],
    ['ok im back', 'whereWasI'],
    ['where was I?', 'whereWasI'],
    ['there is no Tools menu', 'noMenu'],
    ['should I also check Secure Password Authentication?', 'ask.spa'],
    ['is this safe?', 'ask.safety'],
    ['how long will this take', 'ask.duration'],
    ['will I lose my emails?', 'ask.loseMail'],
    ['on hold 45 minutes and now a ROBOT??', 'complaint'],
    ['yes', 'done'],
    ['no', 'cant'],
  ])('on a step, %j is %s', async (text, intent) => {
    expect(await intentOf(text)).toBe(intent);
  });

  it.each(['not getting the 550 error anymore', "I don't get 550 now", 'no more 550!', 'it sent, no 550 this time'])(
    'asked about the test email, %j names the error as gone: it worked',
    async (text) => {
      expect(await intentOf(text, 'verifying')).toBe('worked');
    },
  );

  it.each([
    ['still getting 550', 'sameError'],
    ['now I get 0x800CCC0E', 'differentError'],
    // "no" then the code may be the answer "no" or the code gone: the reply asks which error it is.
    ['no, 550 again', 'failed'],
    ['no 550 this time', 'failed'],
  ])('asked about the test email, %j is %s', async (text, intent) => {
    expect(await intentOf(text, 'verifying')).toBe(intent);
  });

  it('takes button labels and exact commands without the classifier', async () => {
    const pressed = await understanding.understand(content.messages.buttons.stillFailing, 'verifying');
    expect(pressed).toMatchObject({ intent: 'failed', via: 'command', score: 1 });
    expect(await understanding.understand('Done', 'steps')).toMatchObject({ intent: 'done', via: 'command' });
  });

  it('reads what a box shows: a server, an address, a bare name', async () => {
    const server = await understanding.understand('it already says smtp.airmail.net', 'steps');
    expect(server).toMatchObject({ intent: 'alreadyDone', entities: { server: 'smtp.airmail.net' } });
    const wrong = await understanding.understand('mine says mail.airmail.net, should I change it?', 'steps');
    expect(wrong).toMatchObject({ intent: 'observe', entities: { server: 'mail.airmail.net' } });
    const bare = await understanding.understand('the account name box just says bob', 'steps');
    expect(bare).toMatchObject({ intent: 'observe', entities: { name: 'bob' } });
  });

  it('names programs and versions, and never takes a recipient domain for one', async () => {
    const named = async (text: string) => (await understanding.understand(text, 'choosing')).entities.program?.id;
    expect(await named('I use Outlook 2016')).toBe('outlook-2010');
    expect(await named('outlok expres 6')).toBe('outlook-express');
    expect(await named('its microsoft outlook 2007')).toBe('outlook-2007');
    expect(await named('Outlook')).toBe('outlook');
    expect(await named('actually I have Outlook 2016, not Outlook Express')).toBe('outlook-2010');
    expect(await named('the new Outlook')).toBe('new-outlook');
    expect(await named('Thunderbird')).toBe('other:thunderbird');
    const bounce = await understanding.understand('Your message to mary@yahoo.com was rejected: 550 5.7.1 Relay not permitted', 'choosing');
    expect(bounce.entities.program).toBeUndefined();
    expect(bounce.entities).toMatchObject({ email: 'mary@yahoo.com', errorCode: '550' });
    expect(bounce.intent).toBe('reportError');
  });

  it('means different things in different places', async () => {
    expect(await intentOf('yes', 'verifying')).toBe('worked');
    expect(await intentOf('nope', 'verifying')).toBe('failed');
    expect(await intentOf('yes', 'errorKind')).toBe('sameError');
    expect(await intentOf('it says 0x800CCC0E now', 'errorKind')).toBe('differentError');
    expect(await intentOf('yes', 'returning')).toBe('resume');
    expect(await intentOf('yes', 'confirming')).toBe('yes');
  });

  it('does not understand nonsense', async () => {
    expect(await intentOf('purple monkey dishwasher')).toBe('None');
  });
});

describe('confidence', () => {
  it('a message below the confidence threshold with two close readings comes back unsure, with both', async () => {
    const strict = await Understanding.train(content.understanding.intents, content.understanding.entities, [], { confident: 0.999, plausible: 0.2 });
    const understood = await strict.understand('help me i cant', 'steps');
    expect(understood.unsure).toHaveLength(2);
    expect(understood.unsure![0]).toBe(understood.intent);
  });

  it('"start over" by the classifier needs 0.95: below it the reading is only offered', async () => {
    const understood = await understanding.understand('take SW-ABC123', 'steps');
    expect(understood.intent).toBe('startOver');
    // Offered first; a second reading close behind ("take" is also in "how long will this take") is offered too.
    expect(understood.unsure?.[0]).toBe('startOver');
    expect(understood.score).toBeLessThan(0.95);
  });
});
